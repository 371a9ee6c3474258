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
  type RecoveryRecord,
  type RecoveryScope,
  type StrategyEvent,
  assertBatchSize,
  assertConflictPolicy,
  batchedRecovery,
  makeRecord,
  planRecovery,
  plainRecord,
  plainValue,
  primaryKeyString,
  settleConflict,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { CREATE_ENTRY, ChangelogRecorder } from "./changelog-recorder.js";

/** Options of the {@link ChangelogStrategy}. */
export interface ChangelogStrategyOptions {
  /**
   * How a logged local change meets a different remote value: `"client-wins"` (Realm's own
   * recovery rules) or a resolver asked for each logged field whose remote value differs. The
   * change log keeps no stamps on the synced objects, so remote writes cannot be dated and
   * `"newer-wins"` is refused with `INVALID_OPTIONS` (use the field strategy for it).
   * @default "client-wins"
   */
  conflictPolicy?: ConflictPolicy;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/** The logged changes of one object since LastSynced. */
interface ObjectChanges {
  readonly primaryKey: unknown;
  /** Properties written, with their latest stamp. */
  readonly properties: Map<string, number>;
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
 * the backup's latest value under Realm's own recovery rules (`"client-wins"`, the default): a local
 * create is integrated, a logged field wins over the server's, a server delete beats a local update,
 * and a logged delete is re-applied when it is the object's latest change. A resolver can decide
 * each logged field whose remote value differs instead. With no LastSynced recorded, every backup
 * object is recovered whole and every logged delete is re-applied.
 *
 * No stamps live in the synced objects (the synced schema stays untouched), so remote writes cannot
 * be dated: `"newer-wins"` is not available.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: changelogStrategy(), tracker: progressTracker() });
 */
export class ChangelogStrategy implements ClientResetStrategy {
  readonly name = "changelog";
  readonly recorder = new ChangelogRecorder();
  private readonly batchSize: number;
  private readonly conflictPolicy: ConflictPolicy;

  constructor(options: ChangelogStrategyOptions = {}) {
    this.batchSize = options.batchSize ?? 1000;
    this.conflictPolicy = options.conflictPolicy ?? "client-wins";
    assertBatchSize("changelogStrategy", this.batchSize);
    assertConflictPolicy("changelogStrategy", this.conflictPolicy, { newerWins: false });
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
    const { context, type, tally } = scope;
    const { primaryKey } = change;
    const local = context.backup.objectForPrimaryKey(type, primaryKey);
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    const nothing: ObjectDecision = { action: "skip", primaryKey, records: [] };
    if (!local) return current ? this.decideLocalDelete(change, current, scope) : nothing;
    if (current && !change.whole && change.properties.size === 0) return nothing;
    const resolverAsks = typeof this.conflictPolicy === "function";
    const localValues = tally.keepsNextRecord() || resolverAsks ? plainRecord(local) : undefined;
    const base = { objectType: type, primaryKey, local: localValues };
    const copyWhole = (action: "create" | "update", rule: RecoveryRecord["rule"]): ObjectDecision => ({
      action,
      primaryKey,
      source: local,
      records: [makeRecord(base, action, localValues, rule)],
    });
    if (change.whole) return copyWhole(current ? "update" : "create", "never-synced");
    if (current) return this.replayFields(change, local, current, scope);
    if (change.createdAt !== null) return copyWhole("create", "local-create");
    // Logged updates of an object the server no longer has: the server deleted it.
    const outcome = settleConflict(this.conflictPolicy, this.name, {
      kind: "remote-delete",
      objectType: type,
      primaryKey,
      local: localValues ?? null,
      remote: null,
      localStamp: Math.max(...change.properties.values()),
      remoteStamp: null,
      lastSyncedAt: context.lastSyncedAt,
    });
    if (outcome.winner === "local") return copyWhole("create", outcome.rule);
    if (outcome.winner === "remote") {
      return { action: "skip", primaryKey, records: [makeRecord(base, "skip", undefined, outcome.rule)] };
    }
    const values = outcome.value as Record<string, unknown>;
    return {
      action: "create",
      primaryKey,
      values,
      records: [makeRecord(base, "create", values, outcome.rule)],
    };
  }

  /** Replays each logged field over the fresh object under the policy. */
  private replayFields(
    change: ObjectChanges,
    local: RealmObjectLike,
    current: RealmObjectLike,
    scope: RecoveryScope,
  ): ObjectDecision {
    const { context, type, tally } = scope;
    const { primaryKey } = change;
    const resolverAsks = typeof this.conflictPolicy === "function";
    const toCopy: string[] = [];
    const values: Record<string, unknown> = {};
    const records: RecoveryRecord[] = [];
    for (const [property, localStamp] of change.properties) {
      const wantsValues = tally.keepsNextRecord() || resolverAsks;
      const localValue = wantsValues ? plainValue(local[property]) : undefined;
      const remoteValue = wantsValues ? plainValue(current[property]) : undefined;
      const outcome = settleConflict(this.conflictPolicy, this.name, {
        kind: "update",
        objectType: type,
        primaryKey,
        property,
        local: localValue,
        remote: remoteValue,
        localStamp,
        remoteStamp: null,
        lastSyncedAt: context.lastSyncedAt,
      });
      const base = {
        objectType: type,
        primaryKey,
        property,
        local: localValue,
        remote: remoteValue,
        localStamp,
      };
      if (outcome.winner === "remote") {
        records.push(makeRecord(base, "skip", remoteValue, outcome.rule));
      } else if (outcome.winner === "local") {
        toCopy.push(property);
        records.push(makeRecord(base, "update", localValue, outcome.rule));
      } else {
        values[property] = outcome.value;
        records.push(makeRecord(base, "update", outcome.value, outcome.rule));
      }
    }
    if (toCopy.length === 0 && Object.keys(values).length === 0)
      return { action: "skip", primaryKey, records };
    return { action: "update", primaryKey, source: local, properties: toCopy, values, records };
  }

  /** The object is gone from the backup: re-apply a logged delete when it is the latest change. */
  private decideLocalDelete(
    change: ObjectChanges,
    current: RealmObjectLike,
    scope: RecoveryScope,
  ): ObjectDecision {
    const latestWrite = Math.max(-1, ...change.properties.values());
    const { primaryKey } = change;
    if (change.deletedAt === null || change.deletedAt < latestWrite)
      return { action: "skip", primaryKey, records: [] };
    const remote = scope.tally.keepsNextRecord() ? plainRecord(current) : undefined;
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
          properties: new Map(),
          deletedAt: null,
          createdAt: null,
          whole: false,
        }),
      );
    if (entry.property === null) changes.deletedAt = Math.max(changes.deletedAt ?? -1, entry.stamp);
    else if (entry.property === CREATE_ENTRY)
      changes.createdAt = Math.max(changes.createdAt ?? -1, entry.stamp);
    else
      changes.properties.set(
        entry.property,
        Math.max(changes.properties.get(entry.property) ?? -1, entry.stamp),
      );
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
    properties: new Map(),
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
