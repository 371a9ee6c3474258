import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type StrategyEvent,
  type WriteRecorder,
  assertBatchSize,
  batchedRecovery,
  copyIntoFresh,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";

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
    assertBatchSize("overwriteStrategy", this.batchSize);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return objectSchema;
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery<RealmObjectLike>(context, {
      strategy: this.name,
      batchSize: this.batchSize,
      candidates: ({ type }) => [...context.backup.objects(type)],
      apply: (object, scope) => copyIntoFresh(object, scope, { mode: "all" }),
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
