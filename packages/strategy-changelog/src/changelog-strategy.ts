import {
  type ChangeLogEntry,
  type ClientResetStrategy,
  type ConflictPolicy,
  type ObjectDecision,
  type ObjectSchemaLike,
  type RealmLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryPlan,
  type RecordSubject,
  type RecoveryRecord,
  type RecoveryScope,
  type StrategyEvent,
  type Timestamp,
  assertBatchSize,
  assertConflictPolicy,
  assertPropertyName,
  batchedRecovery,
  decideFields,
  fieldsDecision,
  makeRecord,
  newestStamp,
  planRecovery,
  plainRecord,
  primaryKeyString,
  settleConflict,
  wholeCopyDecision,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { CREATE_ENTRY, ChangelogRecorder } from "./changelog-recorder.js";
import { FieldStampModel } from "./field-stamp-model.js";

/** The name of the synced stamp model when `"newer-wins"` names none. */
export const DEFAULT_STAMP_MODEL = "RecoveryFieldStamp";

/** Options of the {@link ChangelogStrategy}. */
export interface ChangelogStrategyOptions {
  /**
   * How a logged local change meets a different remote value: `"client-wins"` (Realm's own
   * recovery rules: the logged field wins), `"newer-wins"` (the newer of the two writes wins, dated
   * by the synced `stampModel`), or a resolver asked for each logged field whose remote value
   * differs. The first keeps the app's synced schema exactly as it is; `"newer-wins"` adds one model.
   * @default "client-wins"
   */
  conflictPolicy?: ConflictPolicy;
  /**
   * Name of the synced model holding each written object's field stamps, which dates remote writes
   * (see {@link FieldStampModel}): `recovery.schema()` adds it and every tracked write sets it. Used
   * with `"newer-wins"`, or with a resolver when named here (its `meta.remoteStamp` is then known).
   * @default "RecoveryFieldStamp" with "newer-wins", none otherwise
   */
  stampModel?: string;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/** The logged changes of one object since LastSynced. */
interface ObjectChanges {
  readonly primaryKey: unknown;
  /** Properties written, with their latest stamp. */
  readonly properties: Record<string, number>;
  /** Stamp of the latest delete, if any. */
  deletedAt: number | null;
  /** Stamp of the local create, if it is not uploaded yet. */
  createdAt: number | null;
  /** Copy the whole object (never-synced realms: every backup object counts as unsynced). */
  readonly whole: boolean;
}

/**
 * Change-log recovery (seed 002, "track updates separately"): tracked writes are logged in the
 * never-synced journal as (type, primary key, property or delete, stamp), compacted to the latest
 * entry per (object, property), and pruned whenever the tracker records a new LastSynced, so the log
 * stays bounded by unsynced work. After a client reset, each entry after LastSynced is replayed with
 * the backup's latest value under `conflictPolicy`:
 * - `"client-wins"` (the default, Realm's own recovery rules): a local create is integrated, a
 *   logged field wins over the server's, a server delete beats a local update, and a logged delete
 *   is re-applied when it is the object's latest change;
 * - `"newer-wins"`: a logged field is replayed only over an older remote write of that field,
 *   dated by the synced stamp model ({@link FieldStampModel}); an object the server deleted is
 *   re-created (a remote delete carries no stamp); a logged delete is re-applied unless the object
 *   was written remotely after it;
 * - a resolver decides each logged field whose remote value differs.
 *
 * With no LastSynced recorded, every backup object is recovered whole (field by field against the
 * remote stamps under `"newer-wins"`) and every logged delete is re-applied.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: changelogStrategy(), tracker: progressTracker() });
 */
export class ChangelogStrategy implements ClientResetStrategy {
  readonly name = "changelog";
  readonly recorder: ChangelogRecorder;
  private readonly batchSize: number;
  private readonly conflictPolicy: ConflictPolicy;
  /** The synced stamp model, when remote writes are dated. */
  private readonly stamps: FieldStampModel | null;

  constructor(options: ChangelogStrategyOptions = {}) {
    this.batchSize = options.batchSize ?? 1000;
    this.conflictPolicy = options.conflictPolicy ?? "client-wins";
    assertBatchSize("changelogStrategy", this.batchSize);
    assertConflictPolicy("changelogStrategy", this.conflictPolicy);
    const stampModel =
      options.stampModel ?? (this.conflictPolicy === "newer-wins" ? DEFAULT_STAMP_MODEL : undefined);
    if (stampModel !== undefined) assertPropertyName("changelogStrategy", stampModel);
    this.stamps = stampModel === undefined ? null : new FieldStampModel(stampModel);
    this.recorder = new ChangelogRecorder(this.stamps);
  }

  models(): ObjectSchemaLike[] {
    return this.stamps ? [this.stamps.schema()] : [];
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return objectSchema;
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery(context, this.plan(context));
  }

  preview(context: RecoveryContext): RecoveryPlan {
    return planRecovery(context, this.plan(context));
  }

  private plan(context: RecoveryContext) {
    const byType = groupByObject(context.journal.changes(context.lastSyncedAt));
    return {
      strategy: this.name,
      batchSize: this.batchSize,
      conflictPolicy: this.conflictPolicy,
      candidates: ({ type, backupSchema }: RecoveryScope) =>
        context.lastSyncedAt === null
          ? [
              ...everyBackupObject(context.backup, type, backupSchema.primaryKey!),
              ...loggedDeletes(byType.get(type), context.backup, type),
            ]
          : [...(byType.get(type)?.values() ?? [])],
      decide: (change: ObjectChanges, scope: RecoveryScope) => this.decide(change, scope),
    };
  }

  private decide(change: ObjectChanges, scope: RecoveryScope): ObjectDecision {
    const { context, type, tally, backupSchema } = scope;
    const { primaryKey } = change;
    const local = context.backup.objectForPrimaryKey(type, primaryKey);
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    if (!local) return current ? this.decideLocalDelete(change, current, scope) : nothingFor(primaryKey);
    if (current && !change.whole && isEmpty(change.properties)) return nothingFor(primaryKey);
    const resolverAsks = typeof this.conflictPolicy === "function";
    const wantsValues = tally.keepsNextRecord() || resolverAsks;
    // Under a stamp model, the backup's own stamps date its values: a logged field may since have
    // taken a downloaded value, which the log's stamp does not date.
    const backupStamps = this.stamps ? this.stamps.stampsOf(context.backup, type, primaryKey) : null;
    // A whole copy carries the backup's stamps of every field it writes (the server may keep older
    // stamps of an object it deleted), else the logged ones.
    const wholeStamps = this.stamps ? (backupStamps ?? change.properties) : null;
    if (change.whole && current && this.stamps) {
      // Never synced, but remote writes are dated: each field against the remote stamp.
      const fields: FieldStamp[] = [];
      for (const property of Object.keys(backupSchema.properties))
        if (property !== backupSchema.primaryKey) fields.push([property, backupStamps?.[property] ?? null]);
      return this.replayFields(fields, primaryKey, local, current, scope);
    }
    if (change.whole)
      return wholeCopyDecision(
        local,
        wholeSubject(type, primaryKey, local, wantsValues),
        current ? "update" : "create",
        "never-synced",
        this.related(type, primaryKey, wholeStamps),
      );
    if (current) {
      // A list rather than a Map: decideFields sizes its output to it, and iterating a Map makes
      // an entry array per field (this runs for every logged object).
      // Sized up front: a list grown by push reserves room for 16 entries (most objects log one or two).
      const fields = new Array<FieldStamp>(countKeys(change.properties));
      let index = 0;
      for (const property in change.properties)
        fields[index++] = [property, backupStamps?.[property] ?? change.properties[property]!];
      return this.replayFields(fields, primaryKey, local, current, scope);
    }
    if (change.createdAt !== null)
      return wholeCopyDecision(
        local,
        wholeSubject(type, primaryKey, local, wantsValues),
        "create",
        "local-create",
        this.related(type, primaryKey, wholeStamps),
      );
    // Nothing logged but a delete (the backup got the object back from elsewhere): nothing unsynced.
    if (isEmpty(change.properties)) return nothingFor(primaryKey);
    // Logged updates of an object the server no longer has: the server deleted it.
    const base = wholeSubject(type, primaryKey, local, wantsValues);
    const localValues = base.local;
    const outcome = settleConflict(this.conflictPolicy, this.name, {
      kind: "remote-delete",
      objectType: type,
      primaryKey,
      local: localValues ?? null,
      remote: null,
      localStamp: newestStamp(backupStamps) ?? newestStamp(change.properties)!,
      remoteStamp: null,
      lastSyncedAt: context.lastSyncedAt,
    });
    if (outcome.winner === "local")
      return wholeCopyDecision(
        local,
        base,
        "create",
        outcome.rule,
        this.related(type, primaryKey, wholeStamps),
      );
    if (outcome.winner === "remote") {
      return { action: "skip", primaryKey, records: [makeRecord(base, "skip", undefined, outcome.rule)] };
    }
    const values = outcome.value as Record<string, unknown>;
    return {
      action: "create",
      primaryKey,
      values,
      records: [makeRecord(base, "create", values, outcome.rule)],
      ...this.related(type, primaryKey, wholeStamps),
    };
  }

  /**
   * Replays each logged field (with its local stamp) over the fresh object under the policy; with
   * a stamp model, against the remote stamp of that field.
   */
  private replayFields(
    fields: readonly FieldStamp[],
    primaryKey: unknown,
    local: RealmObjectLike,
    current: RealmObjectLike,
    scope: RecoveryScope,
  ): ObjectDecision {
    const remoteStamps = this.stamps
      ? (this.stamps.stampsOf(scope.context.fresh, scope.type, primaryKey) ?? {})
      : null;
    const decided = decideFields({
      strategy: this.name,
      policy: this.conflictPolicy,
      scope,
      primaryKey,
      local,
      current,
      fields,
      remoteStamps,
    });
    return fieldsDecision(
      decided,
      primaryKey,
      local,
      this.related(scope.type, primaryKey, remoteStamps ? decided.written : null),
    );
  }

  /** The decision's `related` entries that record `stamps` in the stamp model (none without one). */
  private related(type: string, primaryKey: unknown, stamps: Readonly<Record<string, Timestamp>> | null) {
    if (!this.stamps || !stamps || Object.keys(stamps).length === 0) return NO_RELATED;
    return { related: [this.stamps.entries(type, primaryKey, stamps)] };
  }

  /**
   * The object is gone from the backup: re-apply a logged delete when it is the latest change
   * (under `"newer-wins"`, also newer than every remote write of the object).
   */
  private decideLocalDelete(
    change: ObjectChanges,
    current: RealmObjectLike,
    scope: RecoveryScope,
  ): ObjectDecision {
    const latestWrite = newestStamp(change.properties) ?? -1;
    const { primaryKey } = change;
    if (change.deletedAt === null || change.deletedAt < latestWrite)
      return { action: "skip", primaryKey, records: [] };
    const remote = scope.tally.keepsNextRecord() ? plainRecord(current) : undefined;
    const remoteStamp = this.stamps
      ? newestStamp(this.stamps.stampsOf(scope.context.fresh, scope.type, primaryKey))
      : null;
    const base = { objectType: scope.type, primaryKey, remote, localStamp: change.deletedAt };
    if (this.conflictPolicy === "newer-wins" && remoteStamp !== null && remoteStamp > change.deletedAt) {
      const record = makeRecord({ ...base, remoteStamp }, "skip", undefined, "remote-written-after-delete");
      return { action: "skip", primaryKey, records: [record] };
    }
    const record: RecoveryRecord = {
      objectType: scope.type,
      primaryKey,
      action: "delete",
      remote,
      rule: "local-delete",
      localStamp: change.deletedAt,
    };
    return { action: "delete", primaryKey, records: [record] };
  }
}

/** No related entries (shared: most decisions have none). */
const NO_RELATED: Pick<ObjectDecision, "related"> = Object.freeze({});

/** The number of keys of `record`, without listing them. */
function countKeys(record: Readonly<Record<string, unknown>>): number {
  let count = 0;
  for (const _ in record) count++;
  return count;
}

/** A logged field and the stamp of its local value. */
type FieldStamp = [property: string, stamp: number | null];

/**
 * The record subject of a whole object. Its `local` values (the whole object as a plain record) are
 * read only where used, for whole copies and server deletes: replaying logged fields reads just
 * those fields.
 */
function wholeSubject(
  objectType: string,
  primaryKey: unknown,
  local: RealmObjectLike,
  wantsValues: boolean,
): RecordSubject {
  return { objectType, primaryKey, local: wantsValues ? plainRecord(local) : undefined };
}

/** The decision for an object with nothing to recover. */
function nothingFor(primaryKey: unknown): ObjectDecision {
  return { action: "skip", primaryKey, records: [] };
}

function groupByObject(entries: readonly ChangeLogEntry[]): Map<string, Map<string, ObjectChanges>> {
  const byType = new Map<string, Map<string, ObjectChanges>>();
  for (const entry of entries) {
    let objects = byType.get(entry.objectType);
    if (!objects) byType.set(entry.objectType, (objects = new Map()));
    const key = primaryKeyString(entry.primaryKey);
    let changes = objects.get(key);
    if (!changes)
      objects.set(
        key,
        (changes = {
          primaryKey: entry.primaryKey,
          properties: {},
          deletedAt: null,
          createdAt: null,
          whole: false,
        }),
      );
    if (entry.property === null) changes.deletedAt = Math.max(changes.deletedAt ?? -1, entry.stamp);
    else if (entry.property === CREATE_ENTRY)
      changes.createdAt = Math.max(changes.createdAt ?? -1, entry.stamp);
    else changes.properties[entry.property] = Math.max(changes.properties[entry.property] ?? -1, entry.stamp);
  }
  return byType;
}

/** Logged deletes of objects no longer in the backup (explicit local deletes, kept with no LastSynced too). */
function loggedDeletes(
  changes: ReadonlyMap<string, ObjectChanges> | undefined,
  backup: RealmLike,
  type: string,
): ObjectChanges[] {
  return [...(changes?.values() ?? [])].filter(
    (change) => change.deletedAt !== null && !backup.objectForPrimaryKey(type, change.primaryKey),
  );
}

function everyBackupObject(backup: RealmLike, type: string, primaryKeyName: string): ObjectChanges[] {
  return backup.objects(type).map((object: RealmObjectLike) => ({
    primaryKey: object[primaryKeyName],
    properties: {},
    deletedAt: null,
    createdAt: null,
    whole: true,
  }));
}

/**
 * Creates a {@link ChangelogStrategy}.
 *
 * @example
 * changelogStrategy({ batchSize: 500 });
 */
export function changelogStrategy(options: ChangelogStrategyOptions = {}): ChangelogStrategy {
  return new ChangelogStrategy(options);
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return false;
  return true;
}
