import { buildEvaluator, type CompiledQuery } from "./evaluate.js";
import { parseQuery } from "./parse-query.js";

/**
 * Compiles an RQL query (the subset the emulator supports) with its `$n` arguments into a fast
 * predicate, like Realm JS v12's `Results.filtered(query, ...args)`; throws `QueryError` for
 * malformed queries, unsupported RQL features and missing or unusable arguments.
 *
 * @example
 * const matches = compileQuery("age >= $0 && owner.name BEGINSWITH[c] 'a'", [18]);
 * matches((path) => readPath(person, path));
 */
export function compileQuery(query: string, args: readonly unknown[]): CompiledQuery {
  return buildEvaluator(parseQuery(query), args, query);
}
