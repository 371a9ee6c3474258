/** Why an RQL query was rejected: malformed, outside the emulator's subset, or a bad `$n` argument. */
export type QueryErrorCode = "QUERY_SYNTAX" | "QUERY_UNSUPPORTED" | "QUERY_ARGUMENT";

/**
 * Thrown by `compileQuery` when a query cannot be compiled; `position` is the 0-based offset of
 * the offending `token` in the query string (the query's length when the query ended too early).
 */
export class QueryError extends Error {
  override readonly name: string = "QueryError";
  /** Stable machine-readable code. */
  readonly code: QueryErrorCode;
  /** 0-based offset of the offending token in the query string. */
  readonly position: number;
  /** Source text of the offending token ("" for the end of the query). */
  readonly token: string;

  constructor(code: QueryErrorCode, message: string, position: number, token: string) {
    super(message);
    this.code = code;
    this.position = position;
    this.token = token;
  }
}

const SUPPORTED_SUBSET =
  "the emulator supports comparisons, &&/||/!, AND/OR/NOT, parentheses, $0..$n and literals";

/** A QUERY_UNSUPPORTED error for valid Realm RQL that the emulator does not implement. */
export function unsupportedTokenError(query: string, token: string, position: number): QueryError {
  return new QueryError(
    "QUERY_UNSUPPORTED",
    `Unsupported RQL token "${token}" at position ${position} in query "${query}": ${SUPPORTED_SUBSET}`,
    position,
    token,
  );
}

/** A QUERY_SYNTAX error for a query Realm would reject; `problem` says what was wrong. */
export function syntaxError(query: string, token: string, position: number, problem: string): QueryError {
  return new QueryError(
    "QUERY_SYNTAX",
    `Invalid RQL at position ${position} in query "${query}": ${problem}`,
    position,
    token,
  );
}

/** A QUERY_ARGUMENT error for a `$n` placeholder whose argument is missing or unusable. */
export function argumentError(query: string, token: string, position: number, problem: string): QueryError {
  return new QueryError(
    "QUERY_ARGUMENT",
    `${problem} (placeholder "${token}" at position ${position} in query "${query}")`,
    position,
    token,
  );
}

/** How the offending token is named in a message: quoted, or "the end of the query". */
export function describeToken(token: string): string {
  return token === "" ? "the end of the query" : `"${token}"`;
}
