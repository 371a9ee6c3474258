import { Observable } from "rxjs";
import type { CanonicalObjectSchemaLike, RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryContext } from "../contracts/recovery-context.js";
import type { StrategyEvent } from "../contracts/recovery-event.js";
import type { Timestamp } from "../clock/timestamp.js";
import { RecoveryError } from "../errors/recovery-error.js";
import { applyTombstones } from "./apply-tombstones.js";
import { inBatches } from "./in-batches.js";
import { LinkRetries } from "./link-retries.js";
import { plainCopy, schemaMap } from "./plain-copy.js";
import { RecoveryTally } from "./recovery-tally.js";

/** What a {@link batchedRecovery} step gets besides the candidate. */
export interface RecoveryScope {
  readonly context: RecoveryContext;
  readonly type: string;
  readonly backupSchema: CanonicalObjectSchemaLike;
  readonly freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>;
  readonly tally: RecoveryTally;
  readonly linkRetries: LinkRetries;
}

/** How a strategy recovers: which candidates per type, how to apply one, what to do after a type. */
export interface BatchedRecoveryPlan<T> {
  /** The strategy's name (for the report). */
  readonly strategy: string;
  /** Candidates written per fresh-realm write transaction. */
  readonly batchSize: number;
  /** The candidates of one object type (objects or changes to copy). */
  candidates(scope: RecoveryScope): T[];
  /** Writes one candidate into the fresh realm; runs inside the batch's write transaction. */
  apply(candidate: T, scope: RecoveryScope): void;
  /**
   * Re-apply the local deletes (tombstones) of each type after its batches, skipping an object the
   * fresh realm wrote after the delete, as this tells from the strategy's stamps. Omit to recover
   * no deletes.
   */
  writtenAfter?(fresh: RealmObjectLike, deletedAt: Timestamp): boolean;
}

/**
 * The loop every built-in strategy shares: for each object type, compute the candidates, write
 * them in bounded transactions with a progress event per batch, run the type's finishing step,
 * then re-copy links to objects recovered later in the run and emit the report. Types the fresh
 * schema lacks are reported as skipped, never fatal.
 *
 * @example
 * recover(context) {
 *   return batchedRecovery(context, { strategy: this.name, batchSize: 1000, candidates, apply });
 * }
 */
export function batchedRecovery<T>(
  context: RecoveryContext,
  plan: BatchedRecoveryPlan<T>,
): Observable<StrategyEvent> {
  return new Observable<StrategyEvent>((subscriber) => {
    const tally = new RecoveryTally(plan.strategy);
    const backupSchemas = schemaMap(context.backup);
    const freshSchemas = schemaMap(context.fresh);
    const linkRetries = new LinkRetries();
    for (const type of context.objectTypes) {
      if (context.signal.aborted) {
        subscriber.error(new RecoveryError("ABORTED", "recover", "Recovery aborted"));
        return;
      }
      const backupSchema = backupSchemas.get(type);
      if (!backupSchema) continue;
      const scope: RecoveryScope = { context, type, backupSchema, freshSchemas, tally, linkRetries };
      const candidates = plan.candidates(scope);
      if (!freshSchemas.has(type)) {
        if (candidates.length > 0)
          tally.skip({
            type,
            reason: `type missing in the fresh schema: ${candidates.length} object(s) not recovered`,
          });
        continue;
      }
      let done = 0;
      for (const batch of inBatches(candidates, plan.batchSize)) {
        context.fresh.write(() => {
          for (const candidate of batch) plan.apply(candidate, scope);
        });
        done += batch.length;
        subscriber.next({ type: "recovery-progress", objectType: type, done, total: candidates.length });
      }
      if (plan.writtenAfter) applyTombstones(context, type, tally, plan.writtenAfter);
    }
    linkRetries.resolve(context.fresh, freshSchemas, tally);
    subscriber.next({ type: "recovered", report: tally.report() });
    subscriber.complete();
  });
}

/**
 * Copies `properties` (all when omitted) of a backup object into the fresh realm with `extra`
 * values (stamps, the primary key), counting it in the tally and remembering unresolved links.
 */
export function copyIntoFresh(
  object: RealmObjectLike,
  scope: RecoveryScope,
  options: {
    properties?: readonly string[];
    extra?: Record<string, unknown>;
    mode?: "modified" | "all";
  } = {},
): void {
  const { context, type, freshSchemas, tally, linkRetries } = scope;
  const primaryKeyName = freshSchemas.get(type)!.primaryKey!;
  const { values, skipped, unresolvedLinks } = plainCopy(
    object,
    type,
    context.fresh,
    freshSchemas,
    options.properties,
  );
  context.fresh.create(
    type,
    { ...values, [primaryKeyName]: object[primaryKeyName], ...options.extra },
    options.mode ?? "modified",
  );
  tally.upserted++;
  tally.fieldsWritten += Object.keys(values).filter((p) => p !== primaryKeyName).length;
  for (const record of skipped) tally.skip(record);
  linkRetries.add(
    type,
    object,
    unresolvedLinks.map((record) => record.property!),
  );
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
