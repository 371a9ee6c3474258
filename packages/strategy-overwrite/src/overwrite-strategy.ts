import {
  type ClientResetStrategy,
  LinkRetries,
  type ObjectSchemaLike,
  type RecoveryContext,
  RecoveryError,
  RecoveryTally,
  type StrategyEvent,
  type WriteRecorder,
  inBatches,
  plainCopy,
  schemaMap,
} from "@realm-recovery/core";
import { Observable } from "rxjs";

/** Options of the {@link OverwriteStrategy}. */
export interface OverwriteStrategyOptions {
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/** Overwrite needs no stamps: its recorder writes nothing extra. */
const NO_STAMPS: WriteRecorder = { recordUpsert: () => ({}) };

/**
 * Full overwrite: after a client reset, every backup object is upserted into the fresh realm with
 * `UpdateMode.All`, no stamps and no LastSynced involved.
 *
 * Right for **single-writer realms** (one device owns the data, e.g. per-user partitions written
 * only from one phone): the backup then holds everything the server has plus the unsynced changes.
 * What it destroys with several writers: any remote change to an object the backup also has is
 * overwritten with the backup's (older) values, and objects deleted remotely come back; local
 * deletes are not recovered (an object missing from the backup is left as the server has it).
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: overwriteStrategy(), tracker: listenerTracker() });
 */
export class OverwriteStrategy implements ClientResetStrategy {
  readonly name = "overwrite";
  readonly recorder = NO_STAMPS;
  private readonly batchSize: number;

  constructor(options: OverwriteStrategyOptions = {}) {
    this.batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `overwriteStrategy: batchSize must be a positive integer, got ${this.batchSize}`,
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
      for (const type of context.objectTypes) {
        if (context.signal.aborted) break;
        if (!backupSchemas.has(type)) continue;
        const objects = [...context.backup.objects(type)];
        if (!freshSchemas.has(type)) {
          if (objects.length > 0)
            tally.skip({
              type,
              reason: `type missing in the fresh schema: ${objects.length} object(s) not recovered`,
            });
          continue;
        }
        let done = 0;
        for (const batch of inBatches(objects, this.batchSize)) {
          context.fresh.write(() => {
            for (const object of batch) {
              const { values, skipped, unresolvedLinks } = plainCopy(
                object,
                type,
                context.fresh,
                freshSchemas,
              );
              context.fresh.create(type, values, "all");
              tally.upserted++;
              tally.fieldsWritten += Object.keys(values).length;
              for (const record of skipped) tally.skip(record);
              linkRetries.add(
                type,
                object,
                unresolvedLinks.map((record) => record.property!),
              );
            }
          });
          done += batch.length;
          subscriber.next({ type: "recovery-progress", objectType: type, done, total: objects.length });
        }
      }
      linkRetries.resolve(context.fresh, freshSchemas, tally);
      subscriber.next({ type: "recovered", report: tally.report() });
      subscriber.complete();
    });
  }
}

/**
 * Creates an {@link OverwriteStrategy}.
 *
 * @example
 * overwriteStrategy({ batchSize: 500 });
 */
export function overwriteStrategy(options: OverwriteStrategyOptions = {}): OverwriteStrategy {
  return new OverwriteStrategy(options);
}
