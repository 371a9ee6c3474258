import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type {
  ClientResetStrategy,
  DeclaredStamps,
  StampedUpsert,
} from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { RealmLike, RealmObjectLike, UpdateModeLike } from "../contracts/realm-like.js";
import type { TrackedTransaction } from "../contracts/recovery.js";
import { PluginError, RecoveryError } from "../errors/recovery-error.js";
import { mergeDictionaryEntries, upsertMergingDictionaries } from "../realm/dictionary-entries.js";
import { declaredStampValues, newestDeclaredStamp, setDeclaredStamps } from "./declared-stamps.js";
import type { TrackedTypes, WrittenType } from "./tracked-types.js";

/** What a tracked write needs. */
export interface TrackedWriteDeps {
  readonly realm: RealmLike;
  readonly strategy: ClientResetStrategy;
  readonly clock: Clock;
  readonly journal: Journal;
  /** What writes need to know of each type of `realm` (kept across transactions). */
  readonly types: TrackedTypes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Only two objects (dates, object ids, decimals) can be equal without being identical.
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const hexA = (a as { toHexString?: () => string } | null)?.toHexString;
  const hexB = (b as { toHexString?: () => string } | null)?.toHexString;
  if (typeof hexA === "function" && typeof hexB === "function") return hexA.call(a) === hexB.call(b);
  return false;
}

/**
 * Runs `fn` in one write transaction of `deps.realm`, stamping every create and update (with the
 * stamps the strategy's recorder declares, or else through its `recordUpsert`) and tombstoning
 * every delete in the journal. Each stamp is taken after moving the clock past the stamps the write
 * overwrites (declared stamps: the object's `updated` stamp and its changed fields' stamps, all of
 * them for a delete; otherwise what the recorder's `latestStamp` reads), so a write is always newer
 * than what it overwrites. A recorder's plain entries for a dictionary property of an existing
 * object are merged into it key by key (`Dictionary.set`), never assigned: assignment clears the
 * dictionary, and synced, also the keys another device wrote concurrently.
 */
export function runTrackedWrite<T>(deps: TrackedWriteDeps, fn: (tx: TrackedTransaction) => T): T {
  const tx = new TrackedWrite(deps);
  // The journal's records of the transaction (tombstones, a change log) are written together when
  // `fn` returns, before the transaction commits: a crash between the two can leave a record of a
  // write that did not land (as a journal written first always could), never a write without its
  // record; a transaction that throws takes its records with it. One journal transaction per write,
  // as before, made a changelog-tracked write cost 13 to 18 times a plain one on the emulator.
  return deps.realm.write(() => deps.journal.batch(() => fn(tx)));
}

/**
 * The {@link TrackedTransaction} of one `runTrackedWrite`: one object per transaction, its methods
 * on the prototype. A closure per helper and per method, as before, cost about a fifth of a
 * microsecond per transaction, a tenth of a one-write transaction on the emulator.
 */
class TrackedWrite implements TrackedTransaction {
  readonly realm: RealmLike;
  readonly #deps: TrackedWriteDeps;
  /** The stamps the recorder declares: written here, without calling it (see WriteRecorder.stamps). */
  readonly #declared: DeclaredStamps | undefined;
  /** The stamp of this transaction's previous tracked write (null before the first). */
  #previousStamp: Timestamp | null = null;

  constructor(deps: TrackedWriteDeps) {
    this.realm = deps.realm;
    this.#deps = deps;
    this.#declared = deps.strategy.recorder.stamps;
  }

  create(type: string, values: Record<string, unknown>, mode: UpdateModeLike = "never"): RealmObjectLike {
    const realm = this.realm;
    const written = this.#deps.types.of(type);
    if (!written.tracked) return realm.create(type, values, mode);
    const pkName = primaryKeyOf(type, written);
    const primaryKey = values[pkName];
    const previous = mode === "never" ? null : realm.objectForPrimaryKey(type, primaryKey);
    // A create's changed keys are all its keys: listed only if the recorder asks.
    const changed = previous === null ? null : changedKeys(values, pkName, previous);
    const stamp = this.#stampFor(previous, type, primaryKey, changed);
    const declared = this.#declared;
    // One copy with Object.assign: never spread-then-add, which makes a new hidden class per
    // object on Node 20 (V8 11) and cost more than the write itself.
    if (declared && previous === null) {
      // The declared stamps go straight into the copy of the values, with no object in between.
      const stamped = Object.assign({}, values);
      return realm.create(type, declaredStampValues(declared, stamp, values, null, pkName, stamped), mode);
    }
    const extra = this.#stampsFor(type, primaryKey, changed, values, pkName, previous, stamp);
    if (previous === null) return realm.create(type, Object.assign({}, values, extra), mode);
    const { isDictionary } = written.kinds;
    return upsertMergingDictionaries(realm, type, Object.assign({}, values), extra, isDictionary, mode);
  }

  update(type: string, primaryKey: unknown, changes: Record<string, unknown>): RealmObjectLike {
    const realm = this.realm;
    const written = this.#deps.types.of(type);
    const pkName = primaryKeyOf(type, written);
    const previous = realm.objectForPrimaryKey(type, primaryKey);
    if (!previous) {
      throw new RecoveryError(
        "OBJECT_NOT_FOUND",
        "write",
        `Cannot update ${type} ${String(primaryKey)}: no such object`,
      );
    }
    const changed = changedKeys(changes, pkName, previous);
    if (!written.tracked || changed.length === 0) {
      const values = Object.assign({}, changes);
      values[pkName] = primaryKey;
      return realm.create(type, values, "modified");
    }
    const kinds = written.kinds;
    const declared = this.#declared;
    // Plain values only: set them on the object, as an update is written by hand (no second
    // primary-key lookup, no pass over every property). `changed` already left out equal values,
    // so this writes exactly what create(..., "modified") would.
    if (declared && kinds.canSet(changes, changed) && kinds.canSetStamps(declared)) {
      // The field stamps' dictionary is read once, for the newest stamp and for the merge.
      const fieldStamps = declared.fields === undefined ? undefined : previous[declared.fields];
      const stamp = this.#stampPast(newestDeclaredStamp(previous, declared, changed, fieldStamps));
      setChanged(previous, changes, changed);
      setDeclaredStamps(previous, declared, stamp, changed, fieldStamps);
      return previous;
    }
    const stamp = this.#stampFor(previous, type, primaryKey, changed);
    const extra = this.#stampsFor(type, primaryKey, changed, changes, pkName, previous, stamp);
    if (kinds.canSet(changes, changed) && kinds.canSetExtra(extra)) {
      setChanged(previous, changes, changed);
      const target = previous as Record<string, unknown>;
      for (const key in extra) {
        const value = extra[key];
        if (kinds.isDictionary(key)) mergeDictionaryEntries(previous, key, value as Record<string, unknown>);
        else target[key] = value;
      }
      return previous;
    }
    const values = Object.assign({}, changes);
    values[pkName] = primaryKey;
    return upsertMergingDictionaries(realm, type, values, extra, kinds.isDictionary, "modified");
  }

  delete(type: string, primaryKey: unknown): void {
    const { realm } = this;
    const { strategy, journal, types } = this.#deps;
    const written = types.of(type);
    primaryKeyOf(type, written);
    const object = realm.objectForPrimaryKey(type, primaryKey);
    if (!object)
      throw new RecoveryError(
        "OBJECT_NOT_FOUND",
        "write",
        `Cannot delete ${type} ${String(primaryKey)}: no such object`,
      );
    if (written.tracked) {
      const stamp = this.#stampFor(object, type, primaryKey, null);
      journal.recordTombstone({ objectType: type, primaryKey, deletedAt: stamp });
      callPlugin(strategy.name, () =>
        strategy.recorder.recordDelete?.({ objectType: type, primaryKey, stamp, journal, realm }),
      );
    }
    realm.delete(object);
  }

  /**
   * The stamp of one write of `previous` (null for a new object) that changes `changed` (null for a
   * delete, which overwrites everything): see {@link #stampPast}.
   */
  #stampFor(
    previous: RealmObjectLike | null,
    objectType: string,
    primaryKey: unknown,
    changed: readonly string[] | null,
  ): Timestamp {
    if (previous === null) return this.#stampPast(null);
    const declared = this.#declared;
    if (declared) return this.#stampPast(newestDeclaredStamp(previous, declared, changed));
    const { strategy } = this.#deps;
    if (!strategy.recorder.latestStamp) return this.#stampPast(null);
    try {
      return this.#stampPast(
        strategy.recorder.latestStamp(previous, { objectType, primaryKey, realm: this.realm }),
      );
    } catch (cause) {
      throw asPluginError(strategy.name, cause);
    }
  }

  /**
   * The stamp of one write: newer than `latest` (the newest stamp on what it overwrites) and every
   * stamp the clock gave or saw. The wall clock is read once per transaction (its first write);
   * later writes of the same transaction tick the logical counter, as Realm Sync dates a whole
   * changeset with one timestamp.
   */
  #stampPast(latest: Timestamp | null | undefined): Timestamp {
    const clock = this.#deps.clock;
    const previousStamp = this.#previousStamp;
    if (previousStamp === null) {
      if (latest !== null && latest !== undefined) clock.observe(latest);
      return (this.#previousStamp = clock.now());
    }
    const seen = clock.peek() ?? previousStamp;
    let next = seen >= previousStamp ? seen + 1 : previousStamp + 1;
    if (latest !== null && latest !== undefined && latest >= next) next = latest + 1;
    clock.observe(next);
    return (this.#previousStamp = next);
  }

  /**
   * The strategy's stamp values for one write (`changed` null for a create of a new object): its
   * declared stamps, or what its recorder returns (its errors wrapped as plugin errors).
   */
  #stampsFor(
    type: string,
    primaryKey: unknown,
    changed: readonly string[] | null,
    values: Readonly<Record<string, unknown>>,
    pkName: string,
    previous: RealmObjectLike | null,
    stamp: Timestamp,
  ): Readonly<Record<string, unknown>> {
    const declared = this.#declared;
    if (declared) return declaredStampValues(declared, stamp, values, changed, pkName);
    const { strategy, journal } = this.#deps;
    try {
      return strategy.recorder.recordUpsert(
        new TrackedUpsert(type, primaryKey, changed, values, pkName, previous, stamp, journal, this.realm),
      );
    } catch (cause) {
      throw asPluginError(strategy.name, cause);
    }
  }
}

/** The primary key property of a type a tracked write names (typed errors for a missing type or key). */
function primaryKeyOf(type: string, written: WrittenType): string {
  if (written.primaryKey) return written.primaryKey;
  if (!written.exists) {
    throw new RecoveryError(
      "UNKNOWN_OBJECT_TYPE",
      "write",
      `Cannot write "${type}": the realm's schema has no such type`,
    );
  }
  throw new RecoveryError(
    "MISSING_PRIMARY_KEY",
    "write",
    `Cannot track writes to "${type}": it has no primary key, so its objects cannot be matched between the backup and the fresh realm`,
  );
}

/** The keys of `values` whose value differs from the object's (the primary key aside). */
function changedKeys(values: Record<string, unknown>, pkName: string, previous: RealmObjectLike): string[] {
  const changed: string[] = [];
  for (const key in values) {
    if (key !== pkName && !sameValue(previous[key], values[key])) changed.push(key);
  }
  return changed;
}

/** Sets the `changed` keys of `changes` on `object`, one by one. */
function setChanged(
  object: RealmObjectLike,
  changes: Record<string, unknown>,
  changed: readonly string[],
): void {
  const target = object as Record<string, unknown>;
  for (const key of changed) target[key] = changes[key];
}

/**
 * The {@link StampedUpsert} a recorder gets. A create's `changed` (every key but the primary key) is
 * listed on first read: recorders that stamp whole objects never ask, and a write is a hot path.
 */
class TrackedUpsert implements StampedUpsert {
  #changed: readonly string[] | null;
  readonly #values: Readonly<Record<string, unknown>>;
  readonly #primaryKeyName: string;

  constructor(
    readonly objectType: string,
    readonly primaryKey: unknown,
    changed: readonly string[] | null,
    values: Readonly<Record<string, unknown>>,
    primaryKeyName: string,
    readonly previous: RealmObjectLike | null,
    readonly stamp: Timestamp,
    readonly journal: Journal,
    readonly realm: RealmLike,
  ) {
    this.#changed = changed;
    this.#values = values;
    this.#primaryKeyName = primaryKeyName;
  }

  get changed(): readonly string[] {
    if (this.#changed === null) {
      const changed: string[] = [];
      for (const key in this.#values) if (key !== this.#primaryKeyName) changed.push(key);
      this.#changed = changed;
    }
    return this.#changed;
  }
}

/** What a plugin threw during a write, as a {@link PluginError} (our own errors pass through). */
function asPluginError(plugin: string, cause: unknown): RecoveryError {
  return cause instanceof RecoveryError ? cause : new PluginError(plugin, "write", cause);
}

/** Runs plugin code, wrapping anything it throws (other than our own errors) in a {@link PluginError}. */
export function callPlugin<T>(plugin: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    throw asPluginError(plugin, cause);
  }
}
