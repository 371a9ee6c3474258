import {
  type ClientResetStrategy,
  type ConflictPolicy,
  type ObjectDecision,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryPlan,
  type RecoveryScope,
  type StrategyEvent,
  assertBatchSize,
  assertConflictPolicy,
  assertPropertyName,
  batchedRecovery,
  creationStampProperty,
  makeRecord,
  namedPolicyOutcome,
  planRecovery,
  plainRecord,
  propertiesExcept,
  remoteChangedSince,
  settleConflict,
  wholeCopyDecision,
  withStampProperty,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { ObjectRecorder, stampOf } from "./object-recorder.js";

/** Options of the {@link ObjectStrategy}. */
export interface ObjectStrategyOptions {
  /** Name of the stamp property added to every tracked type. @default "lastUpdated" */
  stampProperty?: string;
  /**
   * How a local change meets a different remote object. `"newer-wins"` compares the objects'
   * stamps; `"client-wins"` applies Realm's own recovery rules; a resolver gets both objects as
   * plain records and returns the record to write, null to delete, or `SKIP`. @default "newer-wins"
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

/**
 * Object-level recovery (seed 000): every tracked object carries one `lastUpdated` stamp. After a
 * client reset, each backup object stamped after LastSynced is a candidate; how it meets the fresh
 * realm's copy depends on `conflictPolicy`:
 * - `"newer-wins"` (default): upserted unless the fresh copy's stamp is newer (a newer remote write
 *   is never clobbered by older data); an object gone from the server is re-created (a remote
 *   delete carries no stamp, so the local data is kept); a local delete is re-applied from its
 *   tombstone only if the fresh object was not written after it.
 * - `"client-wins"` (Realm's automatic-recovery rules): local creates are integrated, the local
 *   object replaces the remote one, a server delete beats a local update, a local delete is applied.
 * - a resolver `(local, remote, meta)` for each conflicting object.
 *
 * Whole objects win or lose: concurrent edits of different fields on two devices keep only one
 * object's values (use the field strategy to merge them). Never infers a delete from an object
 * missing in the backup.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: objectStrategy(), tracker: listenerTracker() });
 */
export class ObjectStrategy implements ClientResetStrategy {
  readonly name = "object";
  readonly recorder: ObjectRecorder;
  private readonly stampProperty: string;
  private readonly createdProperty: string | null;
  private readonly conflictPolicy: ConflictPolicy;
  private readonly batchSize: number;
  /** The strategy's own properties: left out of record and resolver values. */
  private readonly ownProperties: readonly string[];

  constructor(options: ObjectStrategyOptions = {}) {
    this.stampProperty = options.stampProperty ?? "lastUpdated";
    this.batchSize = options.batchSize ?? 1000;
    this.conflictPolicy = options.conflictPolicy ?? "newer-wins";
    assertPropertyName("objectStrategy", this.stampProperty);
    assertBatchSize("objectStrategy", this.batchSize);
    assertConflictPolicy("objectStrategy", this.conflictPolicy);
    this.createdProperty = creationStampProperty(
      "objectStrategy",
      this.conflictPolicy,
      options.createdProperty,
    );
    this.recorder = new ObjectRecorder(this.stampProperty, this.createdProperty);
    this.ownProperties =
      this.createdProperty === null ? [this.stampProperty] : [this.stampProperty, this.createdProperty];
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    const stamped = withStampProperty(objectSchema, this.stampProperty, "int?");
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
      stampProperties: this.ownProperties,
      candidates: (scope: RecoveryScope) => this.candidates(scope),
      decide: (object: RealmObjectLike, scope: RecoveryScope) => this.decide(object, scope),
      writtenAfter: (fresh: RealmObjectLike, deletedAt: number) =>
        (stampOf(fresh, this.stampProperty) ?? -1) > deletedAt,
      remoteStamp: (fresh: RealmObjectLike) => stampOf(fresh, this.stampProperty),
    };
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

  /** Whether `object` is known to have been created before LastSynced (so it existed on the server). */
  private createdBeforeSync(object: RealmObjectLike, lastSyncedAt: number | null): boolean {
    if (this.createdProperty === null || lastSyncedAt === null) return false;
    const created = stampOf(object, this.createdProperty);
    return created !== null && created <= lastSyncedAt;
  }

  private decide(object: RealmObjectLike, scope: RecoveryScope): ObjectDecision {
    const { context, type, backupSchema, tally } = scope;
    const primaryKey = object[backupSchema.primaryKey!];
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    const localStamp = stampOf(object, this.stampProperty);
    const remoteStamp = current ? stampOf(current, this.stampProperty) : null;
    const wantsValues = tally.keepsNextRecord() || typeof this.conflictPolicy === "function";
    const dataProperties = wantsValues ? propertiesExcept(backupSchema, this.ownProperties) : [];
    const local = wantsValues ? plainRecord(object, dataProperties) : undefined;
    const remote = current && wantsValues ? plainRecord(current, dataProperties) : undefined;
    const base = { objectType: type, primaryKey, local, remote, localStamp, remoteStamp };

    const knownUpdate = this.createdBeforeSync(object, context.lastSyncedAt);
    if (!current && !knownUpdate) {
      return wholeCopyDecision(
        object,
        base,
        "create",
        context.lastSyncedAt === null ? "never-synced" : "local-create",
      );
    }
    const kind = current ? "update" : "remote-delete";
    const policy = this.conflictPolicy;
    // A named policy decides from the stamps alone: no conflict to build for every changed object.
    const outcome =
      typeof policy === "function"
        ? settleConflict(policy, this.name, {
            kind,
            objectType: type,
            primaryKey,
            local: local ?? null,
            remote: remote ?? null,
            localStamp,
            remoteStamp,
            lastSyncedAt: context.lastSyncedAt,
            remoteChanged: remoteChangedSince(remoteStamp, localStamp, context.lastSyncedAt),
          })
        : namedPolicyOutcome(policy, kind, localStamp, remoteStamp);
    if (outcome.winner === "local")
      return wholeCopyDecision(object, base, current ? "update" : "create", outcome.rule);
    if (outcome.winner === "remote") {
      const reason = current ? "remote copy is newer" : "deleted on the server";
      return {
        action: "skip",
        primaryKey,
        records: [makeRecord(base, "skip", remote, outcome.rule)],
        ...(outcome.rule === "remote-newer" ? { skipped: [{ type, primaryKey, reason }] } : {}),
      };
    }
    if (outcome.value === null) {
      return { action: "delete", primaryKey, records: [makeRecord(base, "delete", undefined, outcome.rule)] };
    }
    const values = outcome.value as Record<string, unknown>;
    const action = current ? "update" : "create";
    const newest = Math.max(localStamp ?? -1, remoteStamp ?? -1);
    return {
      action,
      primaryKey,
      values,
      extra: newest >= 0 ? { [this.stampProperty]: newest } : {},
      records: [makeRecord(base, action, { ...remote, ...values }, outcome.rule)],
    };
  }
}

/**
 * Creates an {@link ObjectStrategy}.
 *
 * @example
 * objectStrategy({ stampProperty: "updatedAt", conflictPolicy: "client-wins", batchSize: 500 });
 */
export function objectStrategy(options: ObjectStrategyOptions = {}): ObjectStrategy {
  return new ObjectStrategy(options);
}
