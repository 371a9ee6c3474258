import { Observable } from "rxjs";
import type { Timestamp } from "../clock/timestamp.js";
import type { ConflictPolicy } from "../contracts/conflict-policy.js";
import type { CanonicalObjectSchemaLike, RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryContext } from "../contracts/recovery-context.js";
import type { StrategyEvent } from "../contracts/recovery-event.js";
import type { RecoveryPlan } from "../contracts/recovery-record.js";
import { RecoveryError } from "../errors/recovery-error.js";
import { inBatches } from "./in-batches.js";
import { LinkRetries } from "./link-retries.js";
import { type ObjectDecision, applyDecision } from "./object-decision.js";
import { schemaMap } from "./plain-copy.js";
import { DEFAULT_REPORT_RECORD_LIMIT, RecoveryTally } from "./recovery-tally.js";
import { tombstoneDecisions } from "./tombstone-decisions.js";

/** What a {@link batchedRecovery} step gets besides the candidate. */
export interface RecoveryScope {
  /** The recovery's context. */
  readonly context: RecoveryContext;
  /** The object type being recovered. */
  readonly type: string;
  /** The type's schema in the backup. */
  readonly backupSchema: CanonicalObjectSchemaLike;
  /** The fresh realm's schemas by type. */
  readonly freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>;
  /** The running counts and records; `keepsNextRecord()` tells whether record values are wanted. */
  readonly tally: RecoveryTally;
  /** Links to copy again once every object is in place. */
  readonly linkRetries: LinkRetries;
}

/**
 * How a strategy recovers: which candidates per type, what to do with each, and how to date fresh
 * objects for local deletes. Give `decide` (a pure decision, so the recovery can be previewed) or
 * `apply` (writes directly; such a strategy cannot be previewed).
 */
export interface BatchedRecoveryPlan<T> {
  /** The strategy's name (for the report). */
  readonly strategy: string;
  /** Candidates written per fresh-realm write transaction. */
  readonly batchSize: number;
  /** How conflicts are settled (local deletes included). @default "newer-wins" */
  readonly conflictPolicy?: ConflictPolicy;
  /** Properties that are the strategy's own stamps (left out of resolver and record values). */
  readonly stampProperties?: readonly string[];
  /** The candidates of one object type (objects or changes to copy). */
  candidates(scope: RecoveryScope): T[];
  /** Decides what to do with one candidate without writing (read-only). */
  decide?(candidate: T, scope: RecoveryScope): ObjectDecision;
  /** Writes one candidate into the fresh realm; runs inside the batch's write transaction. */
  apply?(candidate: T, scope: RecoveryScope): void;
  /**
   * Re-apply the local deletes (tombstones) of each type after its batches; this tells whether the
   * fresh object was written after the delete, from the strategy's stamps. Omit to recover no deletes.
   */
  writtenAfter?(fresh: RealmObjectLike, deletedAt: Timestamp): boolean;
  /** The newest stamp on a fresh object (resolver metadata for local deletes). */
  remoteStamp?(fresh: RealmObjectLike): Timestamp | null;
}

/**
 * The loop every built-in strategy shares: for each object type, compute the candidates, decide and
 * write them in bounded transactions with a progress event per batch, decide and apply the type's
 * local deletes, then re-copy links to objects recovered later in the run and emit the report.
 * Types the fresh schema lacks are reported as skipped, never fatal. Every batch is idempotent:
 * after a crash between batches, running the recovery again converges to the same state.
 *
 * @example
 * recover(context) {
 *   return batchedRecovery(context, { strategy: this.name, batchSize: 1000, candidates, decide });
 * }
 */
export function batchedRecovery<T>(
  context: RecoveryContext,
  plan: BatchedRecoveryPlan<T>,
): Observable<StrategyEvent> {
  return new Observable<StrategyEvent>((subscriber) => {
    const tally = new RecoveryTally(plan.strategy, context.reportRecordLimit ?? DEFAULT_REPORT_RECORD_LIMIT);
    const linkRetries = new LinkRetries();
    const freshSchemas = schemaMap(context.fresh);
    for (const scope of typeScopes(context, tally, linkRetries, freshSchemas)) {
      if (context.signal.aborted) {
        subscriber.error(new RecoveryError("ABORTED", "recover", "Recovery aborted"));
        return;
      }
      const candidates = plan.candidates(scope);
      if (!reportMissingType(scope, candidates.length)) continue;
      let done = 0;
      for (const batch of inBatches(candidates, plan.batchSize)) {
        context.fresh.write(() => {
          for (const candidate of batch) {
            if (plan.decide) applyDecision(plan.decide(candidate, scope), scope);
            else plan.apply!(candidate, scope);
          }
        });
        done += batch.length;
        subscriber.next({
          type: "recovery-progress",
          objectType: scope.type,
          done,
          total: candidates.length,
        });
      }
      const deletes = deleteDecisions(plan, scope);
      if (deletes.length > 0) {
        context.fresh.write(() => {
          for (const decision of deletes) applyDecision(decision, scope);
        });
      }
    }
    linkRetries.resolve(context.fresh, freshSchemas, tally);
    subscriber.next({ type: "recovered", report: tally.report() });
    subscriber.complete();
  });
}

/**
 * Computes the records {@link batchedRecovery} would produce for `plan`, writing nothing (the plan
 * must have `decide`). Backs `ClientResetStrategy.preview` for the built-in strategies.
 *
 * @example
 * preview(context) { return planRecovery(context, this.plan()); }
 */
export function planRecovery<T>(context: RecoveryContext, plan: BatchedRecoveryPlan<T>): RecoveryPlan {
  const decide = plan.decide;
  if (!decide) {
    throw new RecoveryError(
      "PREVIEW_UNSUPPORTED",
      "recover",
      `${plan.strategy}: this strategy applies changes directly and cannot preview them`,
    );
  }
  const tally = new RecoveryTally(plan.strategy, Number.POSITIVE_INFINITY);
  const freshSchemas = schemaMap(context.fresh);
  for (const scope of typeScopes(context, tally, new LinkRetries(), freshSchemas)) {
    const candidates = plan.candidates(scope);
    if (!reportMissingType(scope, candidates.length)) continue;
    for (const candidate of candidates)
      for (const record of decide(candidate, scope).records) tally.record(record);
    for (const decision of deleteDecisions(plan, scope))
      for (const record of decision.records) tally.record(record);
  }
  return {
    strategy: plan.strategy,
    lastSyncedAt: context.lastSyncedAt,
    records: tally.records,
    counts: tally.actionCounts(),
  };
}

function* typeScopes(
  context: RecoveryContext,
  tally: RecoveryTally,
  linkRetries: LinkRetries,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
): Generator<RecoveryScope> {
  const backupSchemas = schemaMap(context.backup);
  for (const type of context.objectTypes) {
    const backupSchema = backupSchemas.get(type);
    if (backupSchema) yield { context, type, backupSchema, freshSchemas, tally, linkRetries };
  }
}

/** False (after reporting the candidates as skipped) when the fresh schema lacks the scope's type. */
function reportMissingType(scope: RecoveryScope, candidates: number): boolean {
  if (scope.freshSchemas.has(scope.type)) return true;
  if (candidates > 0)
    scope.tally.skip({
      type: scope.type,
      reason: `type missing in the fresh schema: ${candidates} object(s) not recovered`,
    });
  return false;
}

function deleteDecisions<T>(plan: BatchedRecoveryPlan<T>, scope: RecoveryScope): ObjectDecision[] {
  const { writtenAfter } = plan;
  if (!writtenAfter) return [];
  return tombstoneDecisions(scope, {
    strategy: plan.strategy,
    writtenAfter,
    ...(plan.conflictPolicy ? { conflictPolicy: plan.conflictPolicy } : {}),
    ...(plan.remoteStamp ? { remoteStamp: (fresh) => plan.remoteStamp!(fresh) } : {}),
    ...(plan.stampProperties ? { stampProperties: plan.stampProperties } : {}),
  });
}

/** Checks a strategy's `batchSize` option. */
export function assertBatchSize(strategy: string, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RecoveryError(
      "INVALID_OPTIONS",
      "configure",
      `${strategy}: batchSize must be a positive integer, got ${batchSize}`,
    );
  }
}
