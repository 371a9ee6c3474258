/** Why a query was rejected. */
export type QueryErrorCode = "QUERY_SYNTAX" | "QUERY_UNSUPPORTED" | "QUERY_ARGUMENT";

/** Thrown by `filtered()` for a malformed query, a construct outside the emulator's RQL subset, or a missing argument. */
export class QueryError extends Error {
  override readonly name = "QueryError";

  constructor(
    /** Stable code. */
    readonly code: QueryErrorCode,
    message: string,
    /** Character offset of the offending token. */
    readonly position: number,
    /** The offending token. */
    readonly token: string,
  ) {
    super(message);
  }
}
