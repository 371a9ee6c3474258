import {
  type BatchedRecoveryPlan,
  type ClientResetStrategy,
  type DecisionRule,
  type ObjectDecision,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryPlan,
  type RecoveryScope,
  type StrategyEvent,
  type Timestamp,
  RecoveryError,
  assertBatchSize,
  assertPropertyName,
  batchedRecovery,
  planRecovery,
  withStampProperty,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { LastUpdatedRecorder, stampOf } from "./last-updated-recorder.js";
import { localChangeWins } from "./local-change-wins.js";

/** Options of the {@link ServerWinsUnlessNewerStrategy}. */
export interface ServerWinsUnlessNewerOptions {
  /** How much newer (wall-clock milliseconds) a local change must be to beat the server's. @default 5000 */
  marginMs?: number;
  /** Name of the stamp property added to every tracked type. @default "lastUpdated" */
  stampProperty?: string;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

/**
 * After a client reset, the server's copy of an object wins unless the unsynced local change is at
 * least `marginMs` newer (or the server's copy did not change since this device last synced). Local
 * creates are always recovered; a local delete is applied under the same rule.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: serverWinsUnlessNewer({ marginMs: 5_000 }), tracker });
 */
export class ServerWinsUnlessNewerStrategy implements ClientResetStrategy {
  readonly name = "server-wins-unless-newer";
  readonly recorder: LastUpdatedRecorder;
  private readonly marginMs: number;
  private readonly stampProperty: string;
  private readonly batchSize: number;

  constructor(options: ServerWinsUnlessNewerOptions = {}) {
    this.marginMs = options.marginMs ?? 5_000;
    this.stampProperty = options.stampProperty ?? "lastUpdated";
    this.batchSize = options.batchSize ?? 1000;
    if (!Number.isFinite(this.marginMs) || this.marginMs < 0) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `serverWinsUnlessNewer: marginMs must be a non-negative number of milliseconds, got ${this.marginMs}`,
      );
    }
    assertPropertyName("serverWinsUnlessNewer", this.stampProperty);
    assertBatchSize("serverWinsUnlessNewer", this.batchSize);
    this.recorder = new LastUpdatedRecorder(this.stampProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return withStampProperty(objectSchema, this.stampProperty, "int?");
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery(context, this.plan(context.lastSyncedAt));
  }

  preview(context: RecoveryContext): RecoveryPlan {
    return planRecovery(context, this.plan(context.lastSyncedAt));
  }

  private plan(lastSyncedAt: Timestamp | null): BatchedRecoveryPlan<RealmObjectLike> {
    return {
      strategy: this.name,
      batchSize: this.batchSize,
      stampProperties: [this.stampProperty],
      candidates: (scope) => this.candidates(scope),
      decide: (object, scope) => this.decide(object, scope),
      // A local delete is one more local change: the fresh object survives it unless it loses.
      writtenAfter: (fresh, deletedAt) =>
        !localChangeWins(deletedAt, this.stamp(fresh), lastSyncedAt, this.marginMs),
      remoteStamp: (fresh) => this.stamp(fresh),
    };
  }

  /** Backup objects stamped after LastSynced (all of them if the realm never synced). */
  private candidates({ context, type, backupSchema, tally }: RecoveryScope): RealmObjectLike[] {
    const all = context.backup.objects(type);
    if (context.lastSyncedAt === null) return [...all];
    if (!backupSchema.properties[this.stampProperty]) {
      if (!all.isEmpty())
        tally.skip({ type, reason: `backup objects have no "${this.stampProperty}" stamp` });
      return [];
    }
    return [...all.filtered(`${this.stampProperty} > $0`, context.lastSyncedAt)];
  }

  private decide(object: RealmObjectLike, { context, type, backupSchema }: RecoveryScope): ObjectDecision {
    const primaryKey = object[backupSchema.primaryKey!];
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    const localStamp = this.stamp(object);
    const remoteStamp = current ? this.stamp(current) : null;
    const base = { objectType: type, primaryKey, localStamp, remoteStamp };
    const copy = (action: "create" | "update", rule: DecisionRule): ObjectDecision => ({
      action,
      primaryKey,
      source: object,
      records: [{ ...base, action, rule }],
    });
    if (!current) return copy("create", context.lastSyncedAt === null ? "never-synced" : "local-create");
    if (localChangeWins(localStamp, remoteStamp, context.lastSyncedAt, this.marginMs)) {
      return copy("update", "local-newer");
    }
    return {
      action: "skip",
      primaryKey,
      records: [{ ...base, action: "skip", rule: "remote-newer" }],
      skipped: [
        { type, primaryKey, reason: `server copy kept: local change is not ${this.marginMs} ms newer` },
      ],
    };
  }

  private stamp(object: RealmObjectLike): Timestamp | null {
    return stampOf(object, this.stampProperty);
  }
}

/**
 * Creates a {@link ServerWinsUnlessNewerStrategy}.
 *
 * @example
 * serverWinsUnlessNewer({ marginMs: 60_000 }); // a local change must be a minute newer to win
 */
export function serverWinsUnlessNewer(
  options: ServerWinsUnlessNewerOptions = {},
): ServerWinsUnlessNewerStrategy {
  return new ServerWinsUnlessNewerStrategy(options);
}
