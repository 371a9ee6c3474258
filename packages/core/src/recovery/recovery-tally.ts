import type { RecoveryReport, SkippedRecord } from "../contracts/recovery-report.js";

/**
 * Counts what a strategy's recovery did and turns it into its {@link RecoveryReport}.
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
  private readonly started = Date.now();

  constructor(private readonly strategy: string) {}

  /** Records something that was not copied. */
  skip(record: SkippedRecord): void {
    this.skipped.push(record);
  }

  /** The report so far, with the time since the tally was created. */
  report(): RecoveryReport {
    return {
      strategy: this.strategy,
      upserted: this.upserted,
      fieldsWritten: this.fieldsWritten,
      deleted: this.deleted,
      skipped: [...this.skipped],
      durationMs: Date.now() - this.started,
    };
  }
}
