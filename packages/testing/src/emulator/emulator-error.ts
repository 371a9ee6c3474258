/** Stable codes of the errors the emulator throws where real Realm would throw. */
export const EmulatorErrorCode = {
  /** A schema is malformed (unknown type, bad primary key, missing target type...). */
  SCHEMA_INVALID: "SCHEMA_INVALID",
  /** A write was attempted outside a write transaction, or a transaction was nested. */
  NOT_IN_TRANSACTION: "NOT_IN_TRANSACTION",
  /** `write` was called while a transaction is already open. */
  ALREADY_IN_TRANSACTION: "ALREADY_IN_TRANSACTION",
  /** A value does not fit its property's type, or a required value is missing. */
  TYPE_MISMATCH: "TYPE_MISMATCH",
  /** `create` with `UpdateMode.Never` hit an existing primary key. */
  DUPLICATE_PRIMARY_KEY: "DUPLICATE_PRIMARY_KEY",
  /** `objectForPrimaryKey` on a type without a primary key, or a primary key change. */
  PRIMARY_KEY_INVALID: "PRIMARY_KEY_INVALID",
  /** An object type the schema does not have. */
  UNKNOWN_OBJECT_TYPE: "UNKNOWN_OBJECT_TYPE",
  /** A deleted object, or an object of a closed realm, was used. */
  INVALIDATED: "INVALIDATED",
  /** The realm is closed. */
  CLOSED: "CLOSED",
  /** The realm was opened read-only and a write was attempted. */
  READ_ONLY: "READ_ONLY",
  /** A link value belongs to another realm. */
  WRONG_REALM: "WRONG_REALM",
  /** The file cannot be opened as asked (missing read-only file, sync/local history mismatch, corrupt). */
  FILE_ACCESS: "FILE_ACCESS",
  /** A sync history file opened read-write without sync (realm-core's IncompatibleHistories). */
  INCOMPATIBLE_HISTORIES: "INCOMPATIBLE_HISTORIES",
  /** `initiateClientReset` when no reset is pending or an instance is still open. */
  CLIENT_RESET_NOT_POSSIBLE: "CLIENT_RESET_NOT_POSSIBLE",
  /** A sync configuration the emulator rejects like Realm would (e.g. manual mode with no callback). */
  SYNC_CONFIG_INVALID: "SYNC_CONFIG_INVALID",
} as const;

/** One of the {@link EmulatorErrorCode} values. */
export type EmulatorErrorCode = (typeof EmulatorErrorCode)[keyof typeof EmulatorErrorCode];

/**
 * Thrown by the emulator wherever real Realm would throw; the message follows Realm's wording
 * where it has one, and `code` is stable for tests to match on.
 */
export class EmulatorError extends Error {
  override readonly name = "EmulatorError";
  /** Stable code. */
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
