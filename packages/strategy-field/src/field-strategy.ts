import {
  type CanonicalObjectSchemaLike,
  type ClientResetStrategy,
  type ConflictPolicy,
  type ObjectDecision,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryPlan,
  type RecoveryRecord,
  type RecoveryScope,
  type StrategyEvent,
  type Timestamp,
  assertBatchSize,
  assertConflictPolicy,
  assertPropertyName,
  batchedRecovery,
  creationStampProperty,
  decideFields,
  fieldsDecision,
  makeRecord,
  newestStamp,
  planRecovery,
  plainRecord,
  propertiesExcept,
  settleConflict,
  withStampProperty,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { FieldRecorder } from "./field-recorder.js";
import { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";

/** Options of the {@link FieldStrategy}. */
export interface FieldStrategyOptions {
  /** Name of the `int{}` dictionary property holding one stamp per field. @default "fieldStamps" */
  stampsProperty?: string;
  /** Name of the `int?` property holding the stamp of the object's last write (finds changed objects fast). @default "lastUpdated" */
  newestProperty?: string;
  /**
   * How a local field change meets a different remote value. `"newer-wins"` compares the field's
   * stamps; `"client-wins"` applies Realm's own recovery rules; a resolver gets both values of each
   * conflicting field and returns the value to write or `SKIP`. @default "newer-wins"
   */
  conflictPolicy?: ConflictPolicy;
  /**
   * Name of the creation stamp property, added (and stamped on creates) only when the policy is
   * not newer-wins: it tells a local create from a local update of an object the server deleted.
   * @default "createdAt"
   */
  createdProperty?: string;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

interface FieldCandidate {
  readonly object: RealmObjectLike;
  /**
   * The backup's field stamps, read once. The fields to copy (those stamped after LastSynced, every
   * field when never synced) are listed when the object is decided: a list per candidate, kept for
   * the whole recovery, made a million-object recovery pay for collecting them again and again.
   */
  readonly stamps: Record<string, Timestamp>;
}

/**
 * Field-level recovery: every tracked write stamps exactly the fields it changed. After a client
 * reset, each field stamped after LastSynced is decided alone, so concurrent edits of different
 * fields on two devices both survive. How a local field meets a different remote value depends on
 * `conflictPolicy`:
 * - `"newer-wins"` (default): copied only where newer than the fresh realm's stamp of that field
 *   (a newer remote write of the same field is never clobbered); an object gone from the server is
 *   re-created whole (a remote delete carries no stamp); a local delete is re-applied unless a
 *   field was written remotely after it.
 * - `"client-wins"` (Realm's automatic-recovery rules): local creates are integrated, the client
 *   wins on the same field, a server delete beats a local update, a local delete is applied.
 * - a resolver `(local, remote, meta)` for each field both sides changed.
 *
 * Lists, dictionaries, links and embedded objects count as one field each. Objects created locally
 * are created whole.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: fieldStrategy(), tracker: listenerTracker() });
 */
export class FieldStrategy implements ClientResetStrategy {
  readonly name = "field";
  readonly recorder: FieldRecorder;
  private readonly stampsProperty: string;
  private readonly newestProperty: string;
  private readonly createdProperty: string | null;
  private readonly conflictPolicy: ConflictPolicy;
  private readonly batchSize: number;
  private ownProperties: readonly string[] | undefined;
  private readonly fieldNamesBySchema = new WeakMap<CanonicalObjectSchemaLike, readonly string[]>();
  /** Properties a whole-object create leaves to the recorded stamps (the creation stamp is copied). */
  private readonly stampDictionaryAndNewest: readonly string[];

  constructor(options: FieldStrategyOptions = {}) {
    this.stampsProperty = options.stampsProperty ?? "fieldStamps";
    this.batchSize = options.batchSize ?? 1000;
    this.newestProperty = options.newestProperty ?? "lastUpdated";
    this.conflictPolicy = options.conflictPolicy ?? "newer-wins";
    assertPropertyName("fieldStrategy", this.stampsProperty);
    assertPropertyName("fieldStrategy", this.newestProperty);
    assertBatchSize("fieldStrategy", this.batchSize);
    assertConflictPolicy("fieldStrategy", this.conflictPolicy);
    this.createdProperty = creationStampProperty(
      "fieldStrategy",
      this.conflictPolicy,
      options.createdProperty,
    );
    this.stampDictionaryAndNewest = [this.stampsProperty, this.newestProperty];
    this.recorder = new FieldRecorder(this.stampsProperty, this.newestProperty, this.createdProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    const stamped = withStampProperty(
      withStampProperty(objectSchema, this.stampsProperty, "int{}"),
      this.newestProperty,
      "int?",
    );
    return this.createdProperty === null ? stamped : withStampProperty(stamped, this.createdProperty, "int?");
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery(context, this.plan());
  }

  preview(context: RecoveryContext): RecoveryPlan {
    return planRecovery(context, this.plan());
  }

  private plan() {
    return {
      strategy: this.name,
      batchSize: this.batchSize,
      conflictPolicy: this.conflictPolicy,
      stampProperties: this.stampProperties(),
      candidates: (scope: RecoveryScope) => this.candidates(scope),
      decide: (candidate: FieldCandidate, scope: RecoveryScope) => this.decide(candidate, scope),
      writtenAfter: (fresh: RealmObjectLike, deletedAt: Timestamp) =>
        (newestFieldStamp(fresh, this.stampsProperty) ?? -1) > deletedAt,
      remoteStamp: (fresh: RealmObjectLike) => newestFieldStamp(fresh, this.stampsProperty),
    };
  }

  /** The strategy's own properties: stamps, never copied as data or shown in records. */
  private stampProperties(): readonly string[] {
    const own = [this.stampsProperty, this.newestProperty];
    return (this.ownProperties ??= this.createdProperty === null ? own : [...own, this.createdProperty]);
  }

  /** Backup objects with at least one field stamped after LastSynced (every field when never synced). */
  private candidates({ context, type, backupSchema }: RecoveryScope): FieldCandidate[] {
    const since = context.lastSyncedAt;
    const fieldNames = this.fieldNames(backupSchema);
    const out: FieldCandidate[] = [];
    // Only objects whose last write is stamped after LastSynced (or that have no stamp recorded) can
    // hold an unsynced field: a query finds them without reading every object's dictionary.
    const all = context.backup.objects(type);
    const changedObjects =
      since !== null && backupSchema.properties[this.newestProperty]
        ? all.filtered(`${this.newestProperty} > $0 || ${this.newestProperty} == null`, since)
        : all;
    for (const object of changedObjects) {
      const stamps = fieldStampsOf(object, this.stampsProperty);
      if (hasUnsyncedField(stamps, fieldNames, since)) out.push({ object, stamps });
    }
    return out;
  }

  /** The backup's data fields of `schema` (neither the primary key nor the strategy's stamps). */
  private fieldNames(schema: CanonicalObjectSchemaLike): readonly string[] {
    let names = this.fieldNamesBySchema.get(schema);
    if (!names) {
      names = propertiesExcept(schema, this.stampProperties()).filter((p) => p !== schema.primaryKey);
      this.fieldNamesBySchema.set(schema, names);
    }
    return names;
  }

  private decide(candidate: FieldCandidate, scope: RecoveryScope): ObjectDecision {
    const { object } = candidate;
    const { context, type, backupSchema } = scope;
    const primaryKey = object[backupSchema.primaryKey!];
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    return current
      ? this.mergeFields(candidate, current, primaryKey, scope)
      : this.decideMissing(candidate, primaryKey, scope);
  }

  /** The object is not in the fresh realm: a local create, or a local update of a remotely deleted object. */
  private decideMissing(
    { object, stamps }: FieldCandidate,
    primaryKey: unknown,
    scope: RecoveryScope,
  ): ObjectDecision {
    const { context, type, backupSchema, tally } = scope;
    const dataProperties = propertiesExcept(backupSchema, this.stampProperties());
    const resolverAsks = typeof this.conflictPolicy === "function";
    const local = tally.keepsNextRecord() || resolverAsks ? plainRecord(object, dataProperties) : undefined;
    const localStamp = newestStamp(stamps);
    const base = { objectType: type, primaryKey, local, localStamp, remoteStamp: null };
    const createWhole = (rule: RecoveryRecord["rule"]): ObjectDecision => ({
      action: "create",
      primaryKey,
      source: object,
      properties: propertiesExcept(backupSchema, this.stampDictionaryAndNewest),
      extra: this.stampValues(stamps),
      records: [makeRecord(base, "create", local, rule)],
    });
    const created = this.createdProperty === null ? null : object[this.createdProperty];
    const knownUpdate =
      context.lastSyncedAt !== null && typeof created === "number" && created <= context.lastSyncedAt;
    if (!knownUpdate) return createWhole(context.lastSyncedAt === null ? "never-synced" : "local-create");
    const outcome = settleConflict(this.conflictPolicy, this.name, {
      kind: "remote-delete",
      objectType: type,
      primaryKey,
      local: local ?? null,
      remote: null,
      localStamp,
      remoteStamp: null,
      lastSyncedAt: context.lastSyncedAt,
    });
    if (outcome.winner === "local") return createWhole(outcome.rule);
    if (outcome.winner === "remote") {
      return { action: "skip", primaryKey, records: [makeRecord(base, "skip", undefined, outcome.rule)] };
    }
    const values = outcome.value as Record<string, unknown>;
    return {
      action: "create",
      primaryKey,
      values,
      extra: this.stampValues(stamps),
      records: [makeRecord(base, "create", values, outcome.rule)],
    };
  }

  /** Decides each unsynced field alone against the fresh object's value and stamp. */
  private mergeFields(
    { object, stamps }: FieldCandidate,
    current: RealmObjectLike,
    primaryKey: unknown,
    scope: RecoveryScope,
  ): ObjectDecision {
    const fields = unsyncedFields(stamps, this.fieldNames(scope.backupSchema), scope.context.lastSyncedAt);
    const remoteStamps = fieldStampsOf(current, this.stampsProperty);
    const decided = decideFields({
      strategy: this.name,
      policy: this.conflictPolicy,
      scope,
      primaryKey,
      local: object,
      current,
      fields,
      remoteStamps,
    });
    // lastUpdated: the newest of every stamp the fresh dictionary holds once the written ones merge.
    return fieldsDecision(decided, primaryKey, object, {
      extra: this.stampValues(decided.written, newestStamp(remoteStamps)),
    });
  }

  /**
   * The stamp entries and the newest stamp to write with an object. The entries are merged into the
   * fresh dictionary key by key; `newest` is the newest of all its stamps once merged (by default
   * the newest of `stamps`, for an object written whole).
   */
  private stampValues(
    stamps: Record<string, Timestamp>,
    newestMerged: Timestamp | null = null,
  ): Record<string, unknown> {
    const newest = Math.max(newestMerged ?? -1, newestStamp(stamps) ?? -1);
    // Assignment: computed-key literals are slow on Node 20's hot path.
    const values: Record<string, unknown> = {};
    values[this.stampsProperty] = stamps;
    if (newest >= 0) values[this.newestProperty] = newest;
    return values;
  }
}

/**
 * Creates a {@link FieldStrategy}.
 *
 * @example
 * fieldStrategy({ stampsProperty: "stamps" });
 */
export function fieldStrategy(options: FieldStrategyOptions = {}): FieldStrategy {
  return new FieldStrategy(options);
}

/** Whether a field stamped `stamp` is unsynced: stamped after `since`, or anything when never synced. */
function isUnsynced(stamp: Timestamp | null, since: Timestamp | null): boolean {
  return since === null || (stamp !== null && stamp > since);
}

/** Whether a field of `fieldNames` is stamped after `since` (any field when never synced): {@link unsyncedFields} without the list. */
function hasUnsyncedField(
  stamps: Readonly<Record<string, Timestamp>>,
  fieldNames: readonly string[],
  since: Timestamp | null,
): boolean {
  for (const field of fieldNames) if (isUnsynced(stamps[field] ?? null, since)) return true;
  return false;
}

/** The fields of `fieldNames` stamped after `since` with their stamps (every field, stamp or null, when never synced). */
function unsyncedFields(
  stamps: Readonly<Record<string, Timestamp>>,
  fieldNames: readonly string[],
  since: Timestamp | null,
): [string, Timestamp | null][] {
  // Sized to every field, then cut: a list grown by push from empty reserves room for 16.
  const fields = new Array<[string, Timestamp | null]>(fieldNames.length);
  let count = 0;
  for (const field of fieldNames) {
    const stamp = stamps[field] ?? null;
    if (isUnsynced(stamp, since)) fields[count++] = [field, stamp];
  }
  fields.length = count;
  return fields;
}
