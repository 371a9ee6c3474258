import type { RecoveryActionCounts, RecoveryRecord } from "./recovery-record.js";

/** Something recovery could not copy, and why. */
export interface SkippedRecord {
  /** Object type. */
  readonly type: string;
  /** Primary key, when the skip concerns one object. */
  readonly primaryKey?: unknown;
  /** Property, when the skip concerns one field. */
  readonly property?: string;
  /** Why it was skipped (e.g. "property missing in fresh schema", "remote copy is newer"). */
  readonly reason: string;
}

/**
 * What a strategy's recovery did.
 *
 * @example
 * recovery.events$.pipe(filter((e) => e.type === "recovered"))
 *   .subscribe(({ report }) => console.log(`${report.upserted} objects recovered`));
 */
export interface RecoveryReport {
  /** Name of the strategy that ran. */
  readonly strategy: string;
  /** Objects created or updated in the fresh realm. */
  readonly upserted: number;
  /** Individual fields written (field-level strategies; whole-object ones count every property). */
  readonly fieldsWritten: number;
  /** Objects deleted in the fresh realm (re-applied local deletes). */
  readonly deleted: number;
  /** What was not copied, and why. */
  readonly skipped: readonly SkippedRecord[];
  /**
   * Each decision with its local, remote and resolved values and the rule that decided, capped at
   * the context's `reportRecordLimit` (the first ones are kept); {@link recordCount} and
   * {@link counts} stay exact. Reports made with `RecoveryTally` (every built-in strategy)
   * always have them; a hand-written strategy may leave them out.
   */
  readonly records?: readonly RecoveryRecord[];
  /** How many records the recovery made in all (records beyond the cap are counted, not kept). */
  readonly recordCount?: number;
  /** Records per action, exact. */
  readonly counts?: RecoveryActionCounts;
  /** Wall time the recovery took. */
  readonly durationMs: number;
}
