import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryScope,
  type StrategyEvent,
  assertBatchSize,
  assertPropertyName,
  batchedRecovery,
  copyIntoFresh,
  withStampProperty,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
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
    assertPropertyName("objectStrategy", this.stampProperty);
    assertBatchSize("objectStrategy", this.batchSize);
    this.recorder = new ObjectRecorder(this.stampProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return withStampProperty(objectSchema, this.stampProperty, "int?");
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery<RealmObjectLike>(context, {
      strategy: this.name,
      batchSize: this.batchSize,
      candidates: (scope) => this.candidates(scope),
      apply: (object, scope) => this.upsert(object, scope),
      writtenAfter: (fresh, deletedAt) => (stampOf(fresh, this.stampProperty) ?? -1) > deletedAt,
    });
  }

  private candidates({ context, type, backupSchema, tally }: RecoveryScope): RealmObjectLike[] {
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

  private upsert(object: RealmObjectLike, scope: RecoveryScope): void {
    const { context, type, backupSchema, tally } = scope;
    const primaryKey = object[backupSchema.primaryKey!];
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    if (current) {
      const remote = stampOf(current, this.stampProperty);
      const local = stampOf(object, this.stampProperty);
      if (remote !== null && (local === null || remote > local)) {
        tally.skip({ type, primaryKey, reason: "remote copy is newer" });
        return;
      }
    }
    copyIntoFresh(object, scope);
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
