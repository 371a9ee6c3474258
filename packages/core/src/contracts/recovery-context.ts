import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type { Journal } from "./journal.js";
import type { Logger } from "./logger.js";
import type { RealmLike } from "./realm-like.js";

/** Everything a strategy's `recover()` gets to copy unsynced changes from the backup into the fresh realm. */
export interface RecoveryContext {
  /** The backup realm, opened read-only: the old file with the unsynced changes. */
  readonly backup: RealmLike;
  /** The fresh realm, holding all server data after the download. */
  readonly fresh: RealmLike;
  /** Every local write stamped ≤ this was uploaded; null if the realm never synced. */
  readonly lastSyncedAt: Timestamp | null;
  /** The never-synced journal (tombstones, change log). */
  readonly journal: Journal;
  /** This device's clock. */
  readonly clock: Clock;
  /** Stable id of this device. */
  readonly deviceId: string;
  /** The object types recovery covers. */
  readonly objectTypes: readonly string[];
  /** Aborts the recovery. */
  readonly signal: AbortSignal;
  /** Where to log. */
  readonly logger: Logger;
  /** Most records kept in the report's `records` (counts stay exact). @default 1000 */
  readonly reportRecordLimit?: number;
}
