/**
 * The step of the client-reset flow (DESIGN §4) or of normal operation where something happened.
 * Carried by every {@link RecoveryError} and by `failed` events.
 */
export type RecoveryStep =
  | "configure"
  | "attach"
  | "write"
  | "track"
  | "detect"
  | "close"
  | "backup"
  | "open-fresh"
  | "download"
  | "open-backup"
  | "recover"
  | "upload"
  | "delete-backup"
  | "resume";
