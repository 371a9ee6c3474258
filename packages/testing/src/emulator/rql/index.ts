export { type CompiledQuery, type KeyPathReader, compileQuery } from "./compile-query.js";
export { QueryError, type QueryErrorCode } from "./query-error.js";
