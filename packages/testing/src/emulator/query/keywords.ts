import type { ComparisonOperator } from "./query-ast.js";

/** Word operators the emulator evaluates, keyed by upper-cased spelling. */
export const WORD_OPERATORS: ReadonlyMap<string, ComparisonOperator> = new Map<string, ComparisonOperator>([
  ["BEGINSWITH", "BEGINSWITH"],
  ["ENDSWITH", "ENDSWITH"],
  ["CONTAINS", "CONTAINS"],
  ["LIKE", "LIKE"],
  ["IN", "IN"],
]);

/** Symbol operators, keyed by spelling, folded to their canonical form. */
export const SYMBOL_OPERATORS: ReadonlyMap<string, ComparisonOperator> = new Map<string, ComparisonOperator>([
  ["==", "=="],
  ["=", "=="],
  ["!=", "!="],
  ["<>", "!="],
  ["<", "<"],
  ["<=", "<="],
  ["=<", "<="],
  [">", ">"],
  [">=", ">="],
  ["=>", ">="],
]);

/**
 * Realm RQL keywords outside the emulator's subset. Realm also accepts some of them (SORT, TEXT,
 * BETWEEN...) as property names, so the parser only rejects them where they act as keywords.
 */
export const UNSUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  "ANY",
  "SOME",
  "ALL",
  "NONE",
  "SUBQUERY",
  "BETWEEN",
  "TEXT",
  "GEOWITHIN",
  "GEOBOX",
  "GEOPOLYGON",
  "GEOCIRCLE",
  "SORT",
  "DISTINCT",
  "LIMIT",
  "ASC",
  "ASCENDING",
  "DESC",
  "DESCENDING",
  "OBJ",
  "INF",
  "INFINITY",
  "NAN",
]);

/** Unsupported keywords that Realm never reads as a property name, so they are rejected anywhere. */
export const RESERVED_UNSUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  "ANY",
  "SOME",
  "ALL",
  "NONE",
  "SUBQUERY",
  "GEOWITHIN",
  "GEOBOX",
  "GEOPOLYGON",
  "GEOCIRCLE",
  "OBJ",
  "INF",
  "INFINITY",
  "NAN",
]);

/** Supported keywords that can never be a property name. */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  "AND",
  "OR",
  "NOT",
  "TRUEPREDICATE",
  "FALSEPREDICATE",
  "TRUE",
  "FALSE",
  "NULL",
  "NIL",
]);
