import type { RecoveryAction, RecoveryRecord } from "../contracts/recovery-record.js";
import type { RecoveryReport, SkippedRecord } from "../contracts/recovery-report.js";

/** Records kept in a report when the context sets no `reportRecordLimit`. */
export const DEFAULT_REPORT_RECORD_LIMIT = 1000;

/**
 * Counts what a strategy's recovery did and turns it into its {@link RecoveryReport}. Keeps at most
 * `recordLimit` records (the first ones); the record count and the counts per action stay exact.
 *
 * @example
 * const tally = new RecoveryTally("my-strategy");
 * tally.upserted++;
 * subscriber.next({ type: "recovered", report: tally.report() });
 */
export class RecoveryTally {
  /** Objects created or updated in the fresh realm. */
  upserted = 0;
  /** Fields written. */
  fieldsWritten = 0;
  /** Objects deleted in the fresh realm. */
  deleted = 0;
  /** What was not copied, and why. */
  readonly skipped: SkippedRecord[] = [];
  /** The records kept (at most `recordLimit`). */
  readonly records: RecoveryRecord[] = [];
  /** Records made in all. */
  recordCount = 0;
  private readonly counts: Record<RecoveryAction, number> = { create: 0, update: 0, delete: 0, skip: 0 };
  private readonly started = Date.now();

  constructor(
    private readonly strategy: string,
    private readonly recordLimit: number = DEFAULT_REPORT_RECORD_LIMIT,
  ) {}

  /** Records something that was not copied. */
  skip(record: SkippedRecord): void {
    this.skipped.push(record);
  }

  /** Whether the next record would be kept (so its values are worth computing). */
  keepsNextRecord(): boolean {
    return this.recordCount < this.recordLimit;
  }

  /** Counts a decision, keeping it while under the limit. */
  record(record: RecoveryRecord): void {
    if (this.recordCount < this.recordLimit) this.records.push(record);
    this.recordCount++;
    this.counts[record.action]++;
  }

  /** Records per action so far. */
  actionCounts(): Readonly<Record<RecoveryAction, number>> {
    return { ...this.counts };
  }

  /** The report so far, with the time since the tally was created. */
  report(): RecoveryReport {
    return {
      strategy: this.strategy,
      upserted: this.upserted,
      fieldsWritten: this.fieldsWritten,
      deleted: this.deleted,
      skipped: [...this.skipped],
      records: [...this.records],
      recordCount: this.recordCount,
      counts: this.actionCounts(),
      durationMs: Date.now() - this.started,
    };
  }
}
