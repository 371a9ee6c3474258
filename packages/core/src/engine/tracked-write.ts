import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type { ClientResetStrategy, StampedUpsert } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { RealmLike, RealmObjectLike, UpdateModeLike } from "../contracts/realm-like.js";
import type { TrackedTransaction } from "../contracts/recovery.js";
import { PluginError, RecoveryError } from "../errors/recovery-error.js";
import { mergeDictionaryEntries, upsertMergingDictionaries } from "../realm/dictionary-entries.js";
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
 * Runs `fn` in one write transaction of `deps.realm`, stamping every create and update through the
 * strategy's recorder and tombstoning every delete in the journal. Each stamp is taken after moving
 * the clock past the stamps already on the object, so a write is always newer than what it overwrites.
 * A recorder's plain entries for a dictionary property of an existing object are merged into it key
 * by key (`Dictionary.set`), never assigned: assignment clears the dictionary, and synced, also the
 * keys another device wrote concurrently.
 */
export function runTrackedWrite<T>(deps: TrackedWriteDeps, fn: (tx: TrackedTransaction) => T): T {
  const { realm, strategy, clock, journal, types } = deps;

  const primaryKeyOf = (type: string, written: WrittenType): string => {
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
  };

  const recorder = strategy.recorder;
  /** The stamp of this transaction's previous tracked write (null before the first). */
  let previousStamp: Timestamp | null = null;
  /**
   * The stamp of one write: newer than every stamp on `previous` and every stamp the clock gave or
   * saw. The wall clock is read once per transaction (its first write); later writes of the same
   * transaction tick the logical counter, as Realm Sync dates a whole changeset with one timestamp.
   */
  const stampFor = (previous: RealmObjectLike | null, objectType: string, primaryKey: unknown): number => {
    let latest: Timestamp | null = null;
    if (previous && recorder.latestStamp) {
      try {
        latest = recorder.latestStamp(previous, { objectType, primaryKey, realm });
      } catch (cause) {
        throw asPluginError(strategy.name, cause);
      }
    }
    if (previousStamp === null) {
      if (latest !== null && latest !== undefined) clock.observe(latest);
      return (previousStamp = clock.now());
    }
    const seen = clock.peek() ?? previousStamp;
    let next = seen >= previousStamp ? seen + 1 : previousStamp + 1;
    if (latest !== null && latest !== undefined && latest >= next) next = latest + 1;
    clock.observe(next);
    return (previousStamp = next);
  };

  /** The strategy's stamp values for one write (its errors wrapped as plugin errors). */
  const stampsFor = (
    type: string,
    primaryKey: unknown,
    changed: readonly string[] | null,
    values: Readonly<Record<string, unknown>>,
    pkName: string,
    previous: RealmObjectLike | null,
    stamp: number,
  ): Readonly<Record<string, unknown>> => {
    try {
      return recorder.recordUpsert(
        new TrackedUpsert(type, primaryKey, changed, values, pkName, previous, stamp, journal, realm),
      );
    } catch (cause) {
      throw asPluginError(strategy.name, cause);
    }
  };

  /** The keys a write sets (for an update: those whose value differs from the object's). */
  const changedKeys = (
    values: Record<string, unknown>,
    pkName: string,
    previous: RealmObjectLike | null,
  ): string[] => {
    const changed: string[] = [];
    if (previous === null) {
      for (const key in values) if (key !== pkName) changed.push(key);
      return changed;
    }
    for (const key in values) {
      if (key !== pkName && !sameValue(previous[key], values[key])) changed.push(key);
    }
    return changed;
  };

  const tx: TrackedTransaction = {
    realm,
    create(type, values, mode: UpdateModeLike = "never") {
      const written = types.of(type);
      if (!written.tracked) return realm.create(type, values, mode);
      const pkName = primaryKeyOf(type, written);
      const primaryKey = values[pkName];
      const previous = mode === "never" ? null : realm.objectForPrimaryKey(type, primaryKey);
      // A create's changed keys are all its keys: listed only if the recorder asks.
      const changed = previous === null ? null : changedKeys(values, pkName, previous);
      const stamp = stampFor(previous, type, primaryKey);
      const extra = stampsFor(type, primaryKey, changed, values, pkName, previous, stamp);
      // One copy with Object.assign: never spread-then-add, which makes a new hidden class per
      // object on Node 20 (V8 11) and cost more than the write itself.
      if (previous === null) return realm.create(type, Object.assign({}, values, extra), mode);
      const { isDictionary } = written.kinds;
      return upsertMergingDictionaries(realm, type, Object.assign({}, values), extra, isDictionary, mode);
    },
    update(type, primaryKey, changes) {
      const written = types.of(type);
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
      const stamp = stampFor(previous, type, primaryKey);
      const extra = stampsFor(type, primaryKey, changed, changes, pkName, previous, stamp);
      const kinds = written.kinds;
      if (kinds.canSet(changes, changed) && kinds.canSetExtra(extra)) {
        // Plain values only: set them on the object, as an update is written by hand (no second
        // primary-key lookup, no pass over every property). `changed` already left out equal
        // values, so this writes exactly what create(..., "modified") would.
        const target = previous as Record<string, unknown>;
        for (const key of changed) target[key] = changes[key];
        for (const key in extra) {
          const value = extra[key];
          if (kinds.isDictionary(key))
            mergeDictionaryEntries(previous, key, value as Record<string, unknown>);
          else target[key] = value;
        }
        return previous;
      }
      const values = Object.assign({}, changes);
      values[pkName] = primaryKey;
      return upsertMergingDictionaries(realm, type, values, extra, kinds.isDictionary, "modified");
    },
    delete(type, primaryKey) {
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
        const stamp = stampFor(object, type, primaryKey);
        journal.recordTombstone({ objectType: type, primaryKey, deletedAt: stamp });
        callPlugin(strategy.name, () =>
          strategy.recorder.recordDelete?.({ objectType: type, primaryKey, stamp, journal, realm }),
        );
      }
      realm.delete(object);
    },
  };

  // The journal's records of the transaction (tombstones, a change log) are written together when
  // `fn` returns, before the transaction commits: a crash between the two can leave a record of a
  // write that did not land (as a journal written first always could), never a write without its
  // record; a transaction that throws takes its records with it. One journal transaction per write,
  // as before, made a changelog-tracked write cost 13 to 18 times a plain one on the emulator.
  return realm.write(() => journal.batch(() => fn(tx)));
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
