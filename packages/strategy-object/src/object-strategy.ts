import {
  type CanonicalObjectSchemaLike,
  type ClientResetStrategy,
  LinkRetries,
  type ObjectSchemaLike,
  type RealmLike,
  type RealmObjectLike,
  type RecoveryContext,
  RecoveryError,
  RecoveryTally,
  type StrategyEvent,
  applyTombstones,
  inBatches,
  plainCopy,
  schemaMap,
} from "@realm-recovery/core";
import { Observable } from "rxjs";
import { ObjectRecorder, stampOf } from "./object-recorder.js";

/** Options of the {@link ObjectStrategy}. */
export interface ObjectStrategyOptions {
  /** Name of the stamp property added to every tracked type. @default "lastUpdated" */
  stampProperty?: string;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/**
 * Object-level recovery (seed 000): every tracked object carries one `lastUpdated` stamp. After a
 * client reset, each backup object stamped after LastSynced is upserted into the fresh realm,
 * unless the fresh copy's stamp is newer (a newer remote write is never clobbered by older data).
 * Local deletes are re-applied from the journal's tombstones, and only when the fresh object was not
 * written after the delete; a delete is never inferred from an object missing in the backup.
 * Whole objects win or lose: concurrent edits of different fields on two devices keep only the
 * newer object's values (use the field strategy to merge them).
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: objectStrategy(), tracker: listenerTracker() });
 */
export class ObjectStrategy implements ClientResetStrategy {
  readonly name = "object";
  readonly recorder: ObjectRecorder;
  private readonly stampProperty: string;
  private readonly batchSize: number;

  constructor(options: ObjectStrategyOptions = {}) {
    this.stampProperty = options.stampProperty ?? "lastUpdated";
    this.batchSize = options.batchSize ?? 1000;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.stampProperty)) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `objectStrategy: "${this.stampProperty}" is not a valid property name`,
      );
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `objectStrategy: batchSize must be a positive integer, got ${this.batchSize}`,
      );
    }
    this.recorder = new ObjectRecorder(this.stampProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    if (objectSchema.properties[this.stampProperty]) return objectSchema;
    return { ...objectSchema, properties: { ...objectSchema.properties, [this.stampProperty]: "int?" } };
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return new Observable<StrategyEvent>((subscriber) => {
      const tally = new RecoveryTally(this.name);
      const backupSchemas = schemaMap(context.backup);
      const freshSchemas = schemaMap(context.fresh);
      const linkRetries = new LinkRetries();
      for (const type of context.objectTypes) {
        if (context.signal.aborted) break;
        const backupSchema = backupSchemas.get(type);
        if (!backupSchema) continue;
        const candidates = this.candidates(context, type, backupSchema, tally);
        if (!freshSchemas.has(type)) {
          if (candidates.length > 0) {
            tally.skip({
              type,
              reason: `type missing in the fresh schema: ${candidates.length} object(s) not recovered`,
            });
          }
          continue;
        }
        let done = 0;
        for (const batch of inBatches(candidates, this.batchSize)) {
          context.fresh.write(() => {
            for (const object of batch)
              this.upsert(context.fresh, freshSchemas, type, backupSchema, object, tally, linkRetries);
          });
          done += batch.length;
          subscriber.next({ type: "recovery-progress", objectType: type, done, total: candidates.length });
        }
        applyTombstones(
          context,
          type,
          tally,
          (fresh, deletedAt) => (stampOf(fresh, this.stampProperty) ?? -1) > deletedAt,
        );
      }
      // Links to objects recovered later in the run resolve now that every object is in place.
      linkRetries.resolve(context.fresh, freshSchemas, tally);
      subscriber.next({ type: "recovered", report: tally.report() });
      subscriber.complete();
    });
  }

  private candidates(
    context: RecoveryContext,
    type: string,
    backupSchema: CanonicalObjectSchemaLike,
    tally: RecoveryTally,
  ): RealmObjectLike[] {
    const all = context.backup.objects(type);
    // Never synced: every backup object counts as unsynced.
    if (context.lastSyncedAt === null) return [...all];
    if (!backupSchema.properties[this.stampProperty]) {
      if (!all.isEmpty())
        tally.skip({
          type,
          reason: `backup objects have no "${this.stampProperty}" stamp: cannot tell unsynced ones`,
        });
      return [];
    }
    return [...all.filtered(`${this.stampProperty} > $0`, context.lastSyncedAt)];
  }

  private upsert(
    fresh: RealmLike,
    freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
    type: string,
    backupSchema: CanonicalObjectSchemaLike,
    object: RealmObjectLike,
    tally: RecoveryTally,
    linkRetries: LinkRetries,
  ): void {
    const primaryKey = object[backupSchema.primaryKey!];
    const current = fresh.objectForPrimaryKey(type, primaryKey);
    if (current) {
      const remote = stampOf(current, this.stampProperty);
      const local = stampOf(object, this.stampProperty);
      if (remote !== null && (local === null || remote > local)) {
        tally.skip({ type, primaryKey, reason: "remote copy is newer" });
        return;
      }
    }
    const { values, skipped, unresolvedLinks } = plainCopy(object, type, fresh, freshSchemas);
    fresh.create(type, values, "modified");
    tally.upserted++;
    tally.fieldsWritten += Object.keys(values).length;
    for (const record of skipped) tally.skip(record);
    linkRetries.add(
      type,
      object,
      unresolvedLinks.map((record) => record.property!),
    );
  }
}

/**
 * Creates an {@link ObjectStrategy}.
 *
 * @example
 * objectStrategy({ stampProperty: "updatedAt", batchSize: 500 });
 */
export function objectStrategy(options: ObjectStrategyOptions = {}): ObjectStrategy {
  return new ObjectStrategy(options);
}
