import type { RecoveryError } from "../errors/recovery-error.js";
import type { RecoveryStep } from "../errors/recovery-step.js";
import type { RecoveryReport } from "./recovery-report.js";

/** Progress of a strategy through one object type. */
export interface RecoveryProgressEvent {
  readonly type: "recovery-progress";
  /** Object type being recovered. */
  readonly objectType: string;
  /** Objects of this type handled so far. */
  readonly done: number;
  /** Objects of this type to handle. */
  readonly total: number;
}

/** The final event of a strategy run. */
export interface RecoveredEvent {
  readonly type: "recovered";
  /** What the strategy did. */
  readonly report: RecoveryReport;
}

/** The events a strategy's `recover()` emits: progress, then exactly one `recovered`. */
export type StrategyEvent = RecoveryProgressEvent | RecoveredEvent;

/**
 * Every step of a client reset, in order (DESIGN §4), discriminated by `type`. A failure at any
 * step emits `failed` and keeps the backup and the pending marker.
 */
export type RecoveryEvent =
  | { readonly type: "reset-detected"; readonly originalPath: string }
  | { readonly type: "realm-closed" }
  | { readonly type: "backup-created"; readonly backupPath: string }
  | { readonly type: "fresh-opened" }
  | { readonly type: "download-complete" }
  | { readonly type: "backup-opened" }
  | RecoveryProgressEvent
  | RecoveredEvent
  | { readonly type: "upload-complete" }
  | { readonly type: "backup-deleted" }
  | { readonly type: "failed"; readonly error: RecoveryError; readonly step: RecoveryStep };

/** The `type` of a {@link RecoveryEvent}. */
export type RecoveryEventType = RecoveryEvent["type"];
