import { bindOperand, type BoundOperand } from "./bind-operand.js";
import { likePatternToRegExp, matchesLikePattern } from "./like-pattern.js";
import type { ComparisonNode, ComparisonOperator, PredicateNode } from "./query-ast.js";
import { argumentError, syntaxError } from "./query-error.js";
import { compareValues, foldCase, isCollection, valuesEqual, type ScalarTest } from "./value-semantics.js";

/** Reads a (possibly dotted) key path of the object under test, e.g. ["owner", "name"]. Returns undefined if a link in the path is null. */
export type KeyPathReader = (path: readonly string[]) => unknown;

/** A compiled query: true when the object behind `read` matches. */
export type CompiledQuery = (read: KeyPathReader) => boolean;

/** Turns a parsed query into a closure tree, binding `$n` placeholders to `args` once. */
export function buildEvaluator(node: PredicateNode, args: readonly unknown[], query: string): CompiledQuery {
  switch (node.kind) {
    case "constant":
      return node.value ? () => true : () => false;
    case "not": {
      const operand = buildEvaluator(node.operand, args, query);
      return (read) => !operand(read);
    }
    case "and": {
      const operands = node.operands.map((operand) => buildEvaluator(operand, args, query));
      const [first, second] = operands;
      if (operands.length === 2 && first !== undefined && second !== undefined) {
        return (read) => first(read) && second(read);
      }
      return (read) => {
        for (let i = 0; i < operands.length; i++) if (!operands[i]!(read)) return false;
        return true;
      };
    }
    case "or": {
      const fused = sameKeyPathTests(node.operands, args, query);
      if (fused) {
        // `p > $0 || p == null` (a strategy's "changed since" query): one read of p for both tests.
        const { path, tests } = fused;
        const [first, second] = tests;
        if (tests.length === 2 && first !== undefined && second !== undefined) {
          return (read) => {
            const value = read(path);
            return first(value) || second(value);
          };
        }
        return (read) => {
          const value = read(path);
          for (let i = 0; i < tests.length; i++) if (tests[i]!(value)) return true;
          return false;
        };
      }
      const operands = node.operands.map((operand) => buildEvaluator(operand, args, query));
      const [first, second] = operands;
      if (operands.length === 2 && first !== undefined && second !== undefined) {
        return (read) => first(read) || second(read);
      }
      return (read) => {
        for (let i = 0; i < operands.length; i++) if (operands[i]!(read)) return true;
        return false;
      };
    }
    case "comparison":
      return buildComparison(node, args, query);
  }
}

const STRING_OPERATORS: ReadonlySet<ComparisonOperator> = new Set([
  "BEGINSWITH",
  "ENDSWITH",
  "CONTAINS",
  "LIKE",
]);

function buildComparison(node: ComparisonNode, args: readonly unknown[], query: string): CompiledQuery {
  const left = bindOperand(node.left, args, query);
  const right = bindOperand(node.right, args, query);
  validate(node, left, right, query);

  if (left.kind === "keyPath" && right.kind === "constant") {
    const path = left.path;
    const test = valueTest(node, right);
    return (read) => test(read(path));
  }

  const test = scalarTest(node, undefined);
  if (left.kind === "constant" && right.kind === "keyPath") {
    const value = left.value;
    const path = right.path;
    return (read) => anyBoth(value, read(path), test);
  }
  if (left.kind === "keyPath" && right.kind === "keyPath") {
    const leftPath = left.path;
    const rightPath = right.path;
    return (read) => anyBoth(read(leftPath), read(rightPath), test);
  }
  // Realm's own wording: a comparison needs a property on at least one side.
  throw syntaxError(query, node.token, node.position, "Cannot compare two constants");
}

/** The test of a key path's value against a constant right side (implicit ANY over collections). */
function valueTest(
  node: ComparisonNode,
  right: BoundOperand & { kind: "constant" },
): (value: unknown) => boolean {
  const constant = right.value;
  const inSet =
    node.operator === "IN"
      ? setMembershipTest(constant as readonly unknown[], node.caseInsensitive)
      : undefined;
  if (inSet !== undefined) return (value) => anyLeft(value, undefined, inSet);
  const test = scalarTest(node, constant);
  if (right.isList) return (value) => anyBoth(value, constant, test);
  // A primitive (most values) is tested at once; collections take the implicit ANY.
  return (value) =>
    typeof value !== "object" || value === null ? test(value, constant) : anyLeft(value, constant, test);
}

/**
 * For operands that all compare the same key path with a constant: that path and each operand's test
 * of its value (validated as {@link buildComparison} does); undefined otherwise.
 */
function sameKeyPathTests(
  operands: readonly PredicateNode[],
  args: readonly unknown[],
  query: string,
): { path: readonly string[]; tests: ((value: unknown) => boolean)[] } | undefined {
  let path: readonly string[] | undefined;
  const tests: ((value: unknown) => boolean)[] = [];
  for (const operand of operands) {
    if (operand.kind !== "comparison") return undefined;
    const left = bindOperand(operand.left, args, query);
    const right = bindOperand(operand.right, args, query);
    if (left.kind !== "keyPath" || right.kind !== "constant") return undefined;
    if (path !== undefined && !samePath(path, left.path)) return undefined;
    path = left.path;
    validate(operand, left, right, query);
    tests.push(valueTest(operand, right));
  }
  return path === undefined ? undefined : { path, tests };
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/** Rejects comparisons Realm rejects when it builds the query, before any object is read. */
function validate(node: ComparisonNode, left: BoundOperand, right: BoundOperand, query: string): void {
  if (node.operator === "IN" && right.kind === "constant" && !right.isList) {
    const problem = `the right side of IN must be a list ({...}, an array argument or a list property)`;
    throw node.right.kind === "argument"
      ? argumentError(
          query,
          node.right.token,
          node.right.position,
          `Argument ${node.right.token} used with IN is not an array: ${problem}`,
        )
      : syntaxError(query, node.right.token, node.right.position, problem);
  }
  if (STRING_OPERATORS.has(node.operator)) {
    for (const [side, bound] of [
      [node.left, left],
      [node.right, right],
    ] as const) {
      if (bound.kind !== "constant") continue;
      const values: readonly unknown[] = bound.isList ? (bound.value as readonly unknown[]) : [bound.value];
      const bad = values.find((value) => value !== null && typeof value !== "string");
      if (bad === undefined) continue;
      const problem = `Unsupported comparison operator '${node.token}' against ${describeType(bad)}: ${node.operator} needs a string`;
      throw side.kind === "argument"
        ? argumentError(query, side.token, side.position, problem)
        : syntaxError(query, side.token, side.position, problem);
    }
  }
}

/**
 * The per-element test for a comparison. `constantRight` is the right side's value when it is a
 * constant, so a LIKE pattern can be compiled to a RegExp once here.
 */
function scalarTest(node: ComparisonNode, constantRight: unknown): ScalarTest {
  const ci = node.caseInsensitive;
  if (node.operator === "LIKE" && typeof constantRight === "string") {
    const regExp = likePatternToRegExp(ci ? constantRight.toLowerCase() : constantRight);
    return ci
      ? (value) => typeof value === "string" && regExp.test(value.toLowerCase())
      : (value) => typeof value === "string" && regExp.test(value);
  }
  // `== null` / `!= null` (e.g. "never stamped"): a null check, not the general equality.
  if (constantRight === null && node.operator === "==") return isNullish;
  if (constantRight === null && node.operator === "!=") return (value, other) => !isNullish(value, other);
  const test = baseTest(node.operator);
  return ci ? (a, b) => test(foldCase(a), foldCase(b)) : test;
}

const isNullish: ScalarTest = (value) => value === null || value === undefined;

function baseTest(operator: ComparisonOperator): ScalarTest {
  switch (operator) {
    case "==":
    case "IN":
      return valuesEqual;
    case "!=":
      return (a, b) => !valuesEqual(a, b);
    // Two numbers (most comparisons) are compared at once; compareValues orders every other pair.
    case "<":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a < b : compareValues(a, b) < 0);
    case "<=":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a <= b : compareValues(a, b) <= 0);
    case ">":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a > b : compareValues(a, b) > 0);
    case ">=":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a >= b : compareValues(a, b) >= 0);
    case "BEGINSWITH":
      return (a, b) => typeof a === "string" && typeof b === "string" && a.startsWith(b);
    case "ENDSWITH":
      return (a, b) => typeof a === "string" && typeof b === "string" && a.endsWith(b);
    case "CONTAINS":
      return (a, b) => typeof a === "string" && typeof b === "string" && a.includes(b);
    case "LIKE":
      return (a, b) => typeof a === "string" && typeof b === "string" && matchesLikePattern(a, b);
  }
}

/**
 * A Set lookup for `IN` over a list of only strings or only numbers (the common cases), instead of
 * a linear scan per object; undefined when the list is mixed.
 */
function setMembershipTest(items: readonly unknown[], ci: boolean): ScalarTest | undefined {
  if (items.length > 0 && items.every((item) => typeof item === "string")) {
    const set = new Set(items.map((item) => (ci ? (item as string).toLowerCase() : item)));
    return ci
      ? (value) => typeof value === "string" && set.has(value.toLowerCase())
      : (value) => typeof value === "string" && set.has(value);
  }
  if (items.length > 0 && items.every((item) => typeof item === "number" && !Number.isNaN(item))) {
    const set = new Set(items);
    return (value) => {
      if (typeof value === "number") return set.has(value);
      return typeof value === "bigint" && items.some((item) => valuesEqual(value, item));
    };
  }
  return undefined;
}

// Implicit ANY: a collection on either side matches when any of its elements does.

function anyLeft(left: unknown, right: unknown, test: ScalarTest): boolean {
  if (typeof left !== "object" || left === null) return test(left, right);
  if (Array.isArray(left)) {
    for (let i = 0; i < left.length; i++) if (test(left[i], right)) return true;
    return false;
  }
  if (isCollection(left)) {
    for (const item of left) if (test(item, right)) return true;
    return false;
  }
  return test(left, right);
}

function anyRight(left: unknown, right: unknown, test: ScalarTest): boolean {
  if (Array.isArray(right)) {
    for (let i = 0; i < right.length; i++) if (test(left, right[i])) return true;
    return false;
  }
  if (isCollection(right)) {
    for (const item of right) if (test(left, item)) return true;
    return false;
  }
  return test(left, right);
}

function anyBoth(left: unknown, right: unknown, test: ScalarTest): boolean {
  if (!isCollection(left)) return anyRight(left, right, test);
  for (const item of left) if (anyRight(item, right, test)) return true;
  return false;
}

function describeType(value: unknown): string {
  if (value instanceof Date) return "a Date";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
