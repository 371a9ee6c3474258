import {
  type CanonicalObjectSchemaLike,
  type ChangeLogEntry,
  type ClientResetStrategy,
  LinkRetries,
  type ObjectSchemaLike,
  type RealmLike,
  type RealmObjectLike,
  type RecoveryContext,
  RecoveryError,
  RecoveryTally,
  type StrategyEvent,
  inBatches,
  plainCopy,
  primaryKeyString,
  schemaMap,
} from "@realm-recovery/core";
import { Observable } from "rxjs";
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
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `changelogStrategy: batchSize must be a positive integer, got ${this.batchSize}`,
      );
    }
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return objectSchema;
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return new Observable<StrategyEvent>((subscriber) => {
      const tally = new RecoveryTally(this.name);
      const backupSchemas = schemaMap(context.backup);
      const freshSchemas = schemaMap(context.fresh);
      const linkRetries = new LinkRetries();
      const byType = groupByObject(context.journal.changes(context.lastSyncedAt));
      for (const type of context.objectTypes) {
        if (context.signal.aborted) break;
        const backupSchema = backupSchemas.get(type);
        if (!backupSchema?.primaryKey) continue;
        const changes =
          context.lastSyncedAt === null
            ? everyBackupObject(context.backup, type, backupSchema.primaryKey)
            : [...(byType.get(type)?.values() ?? [])];
        if (!freshSchemas.has(type)) {
          if (changes.length > 0)
            tally.skip({
              type,
              reason: `type missing in the fresh schema: ${changes.length} object(s) not recovered`,
            });
          continue;
        }
        let done = 0;
        for (const batch of inBatches(changes, this.batchSize)) {
          context.fresh.write(() => {
            for (const change of batch) this.replay(context, freshSchemas, type, change, tally, linkRetries);
          });
          done += batch.length;
          subscriber.next({ type: "recovery-progress", objectType: type, done, total: changes.length });
        }
      }
      linkRetries.resolve(context.fresh, freshSchemas, tally);
      subscriber.next({ type: "recovered", report: tally.report() });
      subscriber.complete();
    });
  }

  private replay(
    context: RecoveryContext,
    freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
    type: string,
    change: ObjectChanges,
    tally: RecoveryTally,
    linkRetries: LinkRetries,
  ): void {
    const { primaryKey } = change;
    const local = context.backup.objectForPrimaryKey(type, primaryKey);
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
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
    const properties = current && !change.whole ? [...change.properties.keys()] : undefined;
    const { values, skipped, unresolvedLinks } = plainCopy(
      local,
      type,
      context.fresh,
      freshSchemas,
      properties,
    );
    const primaryKeyName = freshSchemas.get(type)!.primaryKey!;
    context.fresh.create(type, { ...values, [primaryKeyName]: primaryKey }, "modified");
    tally.upserted++;
    tally.fieldsWritten += Object.keys(values).filter((p) => p !== primaryKeyName).length;
    for (const record of skipped) tally.skip(record);
    linkRetries.add(
      type,
      local,
      unresolvedLinks.map((record) => record.property!),
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
