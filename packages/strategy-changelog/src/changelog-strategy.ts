import {
  type ChangeLogEntry,
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryScope,
  type StrategyEvent,
  assertBatchSize,
  batchedRecovery,
  copyIntoFresh,
  primaryKeyString,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { ChangelogRecorder } from "./changelog-recorder.js";

/** Options of the {@link ChangelogStrategy}. */
export interface ChangelogStrategyOptions {
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
  /** Copy the whole object (never-synced realms: every backup object counts as unsynced). */
  readonly whole: boolean;
}

/**
 * Change-log recovery (seed 002, "track updates separately"): tracked writes are logged in the
 * never-synced journal as (type, primary key, property or delete, stamp), compacted to the latest
 * entry per (object, property), and pruned whenever the tracker records a new LastSynced, so the log
 * stays bounded by unsynced work. After a client reset, each entry after LastSynced is replayed with
 * the backup's latest value; an object absent from the fresh realm is created whole; a logged delete
 * is re-applied when it is the object's latest change.
 *
 * No stamps live in the synced objects, so remote writes cannot be dated: replayed fields win over
 * the server's (Realm's own "client wins on the same field" rule). Never-synced realms recover every
 * backup object.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: changelogStrategy(), tracker: progressTracker() });
 */
export class ChangelogStrategy implements ClientResetStrategy {
  readonly name = "changelog";
  readonly recorder = new ChangelogRecorder();
  private readonly batchSize: number;

  constructor(options: ChangelogStrategyOptions = {}) {
    this.batchSize = options.batchSize ?? 1000;
    assertBatchSize("changelogStrategy", this.batchSize);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return objectSchema;
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    const byType = groupByObject(context.journal.changes(context.lastSyncedAt));
    return batchedRecovery<ObjectChanges>(context, {
      strategy: this.name,
      batchSize: this.batchSize,
      candidates: ({ type, backupSchema }) =>
        context.lastSyncedAt === null
          ? everyBackupObject(context.backup, type, backupSchema.primaryKey!)
          : [...(byType.get(type)?.values() ?? [])],
      apply: (change, scope) => this.replay(change, scope),
    });
  }

  private replay(change: ObjectChanges, scope: RecoveryScope): void {
    const { context, type, tally } = scope;
    const local = context.backup.objectForPrimaryKey(type, change.primaryKey);
    const current = context.fresh.objectForPrimaryKey(type, change.primaryKey);
    const latestWrite = Math.max(-1, ...change.properties.values());
    if (!local) {
      // Gone from the backup: deleted locally. Re-apply the delete when it is the latest change.
      if (current && change.deletedAt !== null && change.deletedAt >= latestWrite) {
        context.fresh.delete(current);
        tally.deleted++;
      }
      return;
    }
    if (current && !change.whole && change.properties.size === 0) return;
    copyIntoFresh(
      local,
      scope,
      current && !change.whole ? { properties: [...change.properties.keys()] } : {},
    );
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
        (changes = { primaryKey: entry.primaryKey, properties: new Map(), deletedAt: null, whole: false }),
      );
    if (entry.property === null) changes.deletedAt = Math.max(changes.deletedAt ?? -1, entry.stamp);
    else
      changes.properties.set(
        entry.property,
        Math.max(changes.properties.get(entry.property) ?? -1, entry.stamp),
      );
  }
  return byType;
}

function everyBackupObject(backup: RealmLike, type: string, primaryKeyName: string): ObjectChanges[] {
  return backup.objects(type).map((object: RealmObjectLike) => ({
    primaryKey: object[primaryKeyName],
    properties: new Map(),
    deletedAt: null,
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
