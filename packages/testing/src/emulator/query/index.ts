export { compileQuery } from "./compile-query.js";
export type { CompiledQuery, KeyPathReader } from "./evaluate.js";
export { QueryError, type QueryErrorCode } from "./query-error.js";
