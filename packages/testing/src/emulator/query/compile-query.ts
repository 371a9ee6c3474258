import { buildEvaluator, type CompiledQuery } from "./evaluate.js";
import { parseQuery } from "./parse-query.js";
import type { PredicateNode } from "./query-ast.js";

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
  return buildEvaluator(parsedQuery(query), args, query);
}

/** Parsed queries by their text, at most {@link PARSED_LIMIT} of them (the trees are immutable). */
const parsed = new Map<string, PredicateNode>();
const PARSED_LIMIT = 256;

/**
 * The syntax tree of `query`, parsed once: apps (and every recovery) filter with the same few query
 * texts and different arguments, and parsing cost a tenth of a small recovery. Arguments are bound
 * per compile; a query that does not parse throws every time.
 */
function parsedQuery(query: string): PredicateNode {
  let node = parsed.get(query);
  if (node === undefined) {
    node = parseQuery(query);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(query, node);
  }
  return node;
}
