import type { Timestamp } from "../clock/timestamp.js";

/** A local delete made through a tracked write, kept so recovery can re-apply it. */
export interface Tombstone {
  /** Object type of the deleted object. */
  readonly objectType: string;
  /** Primary key of the deleted object. */
  readonly primaryKey: unknown;
  /** Stamp of the delete. */
  readonly deletedAt: Timestamp;
}

/** One change-log entry: a property written, or the object deleted, at `stamp`. */
export interface ChangeLogEntry {
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** The property written, or null when the entry records a delete. */
  readonly property: string | null;
  /** Stamp of the write. */
  readonly stamp: Timestamp;
}

/** A client reset whose recovery has not finished yet; its backup file is kept until it does. */
export interface PendingRecovery {
  /** Path of the live realm that was reset. */
  readonly originalPath: string;
  /** Path of the backup holding the unsynced changes. */
  readonly backupPath: string;
  /** LastSynced at the moment of the reset. */
  readonly lastSyncedAt: Timestamp | null;
  /** When the reset was detected. */
  readonly detectedAt: Timestamp;
  /**
   * Whether the reset was carried out (the realm was moved to {@link backupPath} and the live path
   * now holds the fresh realm). Lets a resume tell a backup that went missing after the move from a
   * reset that was never carried out. Absent (false) for markers written before it was recorded.
   */
  readonly resetDone?: boolean;
}

/**
 * The never-synced local store kept beside each synced realm: LastSynced, tombstones, the change
 * log and the pending-recovery marker. Because it is never synced, writing to it cannot trigger an
 * upload, so recording LastSynced can never loop.
 */
export interface Journal {
  /** Path of the journal's own file. */
  readonly path: string;
  /** The last time T such that every local write stamped ≤ T was uploaded; null if never synced. */
  lastSyncedAt(): Timestamp | null;
  /** Records a new LastSynced; an older value than the current one is ignored. */
  recordLastSynced(stamp: Timestamp): void;
  /** Records the tombstone of a local delete. */
  recordTombstone(tombstone: Tombstone): void;
  /** Tombstones stamped after `since` (all of them for null). */
  tombstones(since: Timestamp | null): Tombstone[];
  /** Adds change-log entries, keeping only the latest per (object, property). */
  appendChanges(entries: readonly ChangeLogEntry[]): void;
  /** Change-log entries stamped after `since` (all of them for null). */
  changes(since: Timestamp | null): ChangeLogEntry[];
  /**
   * Runs `fn`, writing the tombstones and change-log entries it records together in one journal
   * transaction when it returns (none when it throws: they go with the failed write). Reads and
   * other writes inside `fn` see them first. Every tracked transaction runs in one, so a strategy
   * that logs each write commits the journal once per transaction, not once per write.
   *
   * @example
   * realm.write(() => journal.batch(() => writeAndLog(realm, journal)));
   */
  batch<T>(fn: () => T): T;
  /** Drops tombstones and change-log entries stamped at or before `upTo`. */
  prune(upTo: Timestamp): void;
  /** The pending recovery, if a reset has not finished recovering. */
  pendingRecovery(): PendingRecovery | null;
  /** Marks a recovery as pending (before the backup is made). */
  markPending(pending: PendingRecovery): void;
  /**
   * Clears the pending marker (only after recovery and upload succeeded) and, in the same write,
   * lists its backup among {@link backupsToDelete}: a crash or failure before the file is deleted
   * then leaves a recorded file to delete later, never an unknown one.
   */
  clearPending(): void;
  /** Records that the pending reset was carried out: the realm now lives at the marker's backup path. */
  markResetDone(): void;
  /** Backups of finished recoveries (data recovered and uploaded) whose files may still need deleting. */
  backupsToDelete(): string[];
  /** Forgets a backup of {@link backupsToDelete} once its file is gone. */
  forgetBackup(path: string): void;
  /** Closes the journal's realm. */
  close(): void;
}
