import type { Instruction } from "./changeset.js";
import type { Row } from "./row.js";

/** Where a transaction's changes come from: the app's own writes, or data downloaded from the server. */
export type TransactionOrigin = "local" | "remote";

/** The bookkeeping of one open write transaction: how to undo it and what it changed. */
export class Transaction {
  /** Undo steps, run in reverse on rollback. */
  readonly undo: (() => void)[] = [];
  /** Top-level rows created in this transaction. */
  readonly created = new Set<Row>();
  /** Top-level rows deleted in this transaction, with their index in their table before the delete. */
  readonly deleted = new Set<Row>();
  /** Top-level rows modified in this transaction and which properties were set. */
  readonly modified = new Map<Row, Set<string>>();
  /**
   * Original values of modified properties, to tell real changes from rewrites of equal values
   * (kept for downloads only: local writes report every property they set).
   */
  readonly originals = new Map<Row, Map<string, unknown>>();
  /** Sync instructions produced by local writes. */
  readonly instructions: Instruction[] = [];

  constructor(readonly origin: TransactionOrigin) {}

  /** Notes that `property` of the top-level row `row` was set. */
  touch(row: Row, property: string, original: unknown): void {
    let props = this.modified.get(row);
    if (!props) this.modified.set(row, (props = new Set()));
    props.add(property);
    if (this.origin === "local") return;
    let originals = this.originals.get(row);
    if (!originals) this.originals.set(row, (originals = new Map()));
    if (!originals.has(property)) originals.set(property, original);
  }
}
