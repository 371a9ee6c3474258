/** Realm's client-reset error codes: 1032 server-requested reset, 1028 automatic recovery failed (fell back to manual). */
export type ClientResetErrorCode = 1032 | 1028;

/**
 * The error Realm passes to `sync.onError` for a client reset when no `onManual` callback is set:
 * `name === "ClientReset"`, the backup path in `config.path` (read-only), and the original path in
 * `userInfo.ORIGINAL_FILE_PATH`.
 */
export class SimulatedClientResetError extends Error {
  override readonly name = "ClientReset";
  /** Always fatal: the session cannot continue without a reset. */
  readonly isFatal = true;
  /** How to open the backup. */
  readonly config: { readonly path: string; readonly readOnly: true };
  /** Paths of the reset, under Realm's key names. */
  readonly userInfo: { readonly ORIGINAL_FILE_PATH: string; readonly RECOVERY_FILE_PATH: string };

  constructor(
    readonly code: ClientResetErrorCode,
    originalPath: string,
    backupPath: string,
  ) {
    super(
      code === 1032
        ? "Bad client file identifier (IDENT): the server requested a client reset"
        : "Automatic client reset recovery failed",
    );
    this.config = { path: backupPath, readOnly: true };
    this.userInfo = { ORIGINAL_FILE_PATH: originalPath, RECOVERY_FILE_PATH: backupPath };
  }
}
