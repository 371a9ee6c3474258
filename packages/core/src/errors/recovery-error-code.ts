/**
 * Every stable error code realm-recovery throws, with what it means. Codes never change meaning
 * once published; match on `error.code`, not on messages.
 */
export const RecoveryErrorCode = {
  /** `createRecovery` or a plugin factory got options it cannot use. */
  INVALID_OPTIONS: "INVALID_OPTIONS",
  /** A tracked object type has no primary key, so its objects cannot be matched across realms. */
  MISSING_PRIMARY_KEY: "MISSING_PRIMARY_KEY",
  /** A write or recovery names an object type the schema does not have. */
  UNKNOWN_OBJECT_TYPE: "UNKNOWN_OBJECT_TYPE",
  /** A tracked update or delete names an object that does not exist. */
  OBJECT_NOT_FOUND: "OBJECT_NOT_FOUND",
  /** A tracked write was attempted on a realm that is not attached, or after `detach()`. */
  NOT_ATTACHED: "NOT_ATTACHED",
  /** The realm could not be closed, moved to a backup, or reopened. */
  CLIENT_RESET_FAILED: "CLIENT_RESET_FAILED",
  /** The fresh realm could not be opened. */
  REALM_OPEN_FAILED: "REALM_OPEN_FAILED",
  /** The server's data could not be downloaded into the fresh realm. */
  DOWNLOAD_FAILED: "DOWNLOAD_FAILED",
  /** The backup realm is missing, corrupt or cannot be opened read-only. */
  BACKUP_UNREADABLE: "BACKUP_UNREADABLE",
  /**
   * `resumePending()` found a pending recovery whose backup file does not exist although the reset
   * was carried out (or Realm has no reset pending for the realm): the file was deleted or moved
   * outside realm-recovery. Nothing can be recovered from it; the live realm is left open and
   * untouched, and the marker is kept so that restoring the file and calling `resumePending()`
   * again still recovers it.
   */
  BACKUP_MISSING: "BACKUP_MISSING",
  /** Recovered changes could not be uploaded; the backup is kept for `resumePending()`. */
  UPLOAD_FAILED: "UPLOAD_FAILED",
  /** The backup could not be deleted after a successful recovery (no data is lost). */
  BACKUP_DELETE_FAILED: "BACKUP_DELETE_FAILED",
  /** The never-synced journal realm could not be read or written. */
  JOURNAL_FAILED: "JOURNAL_FAILED",
  /** `resumePending()` found no pending recovery to resume. */
  NO_PENDING_RECOVERY: "NO_PENDING_RECOVERY",
  /** A recovery is already running for this realm. */
  RECOVERY_IN_PROGRESS: "RECOVERY_IN_PROGRESS",
  /** The recovery was aborted through its `AbortSignal`. */
  ABORTED: "ABORTED",
  /** A strategy or tracker plugin threw; `plugin` names it and `cause` holds what it threw. */
  PLUGIN_FAILED: "PLUGIN_FAILED",
  /** `Recovery.preview` was called with a strategy that cannot plan without writing. */
  PREVIEW_UNSUPPORTED: "PREVIEW_UNSUPPORTED",
} as const;

/** One of the {@link RecoveryErrorCode} values. */
export type RecoveryErrorCode = (typeof RecoveryErrorCode)[keyof typeof RecoveryErrorCode];
