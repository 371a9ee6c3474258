import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type ObjectDecision,
  type RecoveryContext,
  type RecoveryPlan,
  type RecoveryScope,
  type StrategyEvent,
  type WriteRecorder,
  assertBatchSize,
  batchedRecovery,
  planRecovery,
  plainRecord,
  propertiesExcept,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";

/** Options of the {@link OverwriteStrategy}. */
export interface OverwriteStrategyOptions {
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/** Overwrite needs no stamps: its recorder writes nothing extra. */
const NO_STAMPS: WriteRecorder = { recordUpsert: () => ({}) };
/** No property is left out of a record (one array, so the property lists are cached per schema). */
const EVERY_PROPERTY: readonly string[] = [];

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
    return batchedRecovery(context, this.plan(context));
  }

  preview(context: RecoveryContext): RecoveryPlan {
    return planRecovery(context, this.plan(context));
  }

  private plan(context: RecoveryContext) {
    return {
      strategy: this.name,
      batchSize: this.batchSize,
      candidates: ({ type }: RecoveryScope) => [...context.backup.objects(type)],
      decide: (object: RealmObjectLike, scope: RecoveryScope) => decideOverwrite(object, scope),
    };
  }
}

/** Every backup object is written whole over the fresh one (`UpdateMode.All`). */
function decideOverwrite(
  object: RealmObjectLike,
  { context, type, backupSchema, freshSchemas, tally }: RecoveryScope,
): ObjectDecision {
  const primaryKey = object[backupSchema.primaryKey!];
  const current = context.fresh.objectForPrimaryKey(type, primaryKey);
  const action = current ? "update" : "create";
  const wantsValues = tally.keepsNextRecord();
  const local = wantsValues ? plainRecord(object, propertiesExcept(backupSchema, EVERY_PROPERTY)) : undefined;
  const remote =
    wantsValues && current
      ? plainRecord(current, propertiesExcept(freshSchemas.get(type)!, EVERY_PROPERTY))
      : undefined;
  return {
    action,
    primaryKey,
    source: object,
    // The record's values serve the copy too: the object is not read twice.
    sourceValues: local,
    mode: "all",
    records: [{ objectType: type, primaryKey, action, local, remote, resolved: local, rule: "overwrite" }],
  };
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
