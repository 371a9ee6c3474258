/** A comparison of one value against one value, after implicit ANY has picked the elements. */
export type ScalarTest = (left: unknown, right: unknown) => boolean;

/**
 * Whether a value is a collection that comparisons spread over (Realm's implicit ANY): arrays and
 * other iterables such as Realm.List or Realm.Set, but not strings, binary data or Dates.
 */
export function isCollection(value: unknown): value is Iterable<unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  if (value instanceof Date || ArrayBuffer.isView(value)) return false;
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

const DASHES = /-/g;

/**
 * The comparable key of an ObjectId- or UUID-like value: its lower-case hex without dashes, or
 * `toString()` for objects that only have `equals()`; undefined for anything else.
 */
export function idKeyOf(value: object): string | undefined {
  const candidate = value as { toHexString?: unknown; equals?: unknown };
  if (typeof candidate.toHexString === "function") {
    const hex = String((candidate.toHexString as () => unknown).call(value)).toLowerCase();
    // bson's UUID.toHexString() includes dashes while uuid(...) literals are stored without them.
    return hex.includes("-") ? hex.replace(DASHES, "") : hex;
  }
  if (typeof candidate.equals === "function") return String(value);
  return undefined;
}

/** Realm equality: null equals only null/undefined, numbers and bigints numerically, Dates by time, ids by hex. */
export function valuesEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left === null || left === undefined) && (right === null || right === undefined);
  }
  const leftType = typeof left;
  const rightType = typeof right;
  if (leftType === "number" || leftType === "bigint") {
    // Loose equality is exact between number and bigint (5 == 5n, 5.5 != 5n).
    return (
      (rightType === "number" || rightType === "bigint") &&
      (left as number | bigint) == (right as number | bigint)
    );
  }
  if (leftType !== "object" || rightType !== "object") return false;
  if (left instanceof Date) return right instanceof Date && left.getTime() === right.getTime();
  if (right instanceof Date) return false;
  const leftKey = idKeyOf(left as object);
  if (leftKey === undefined) return false;
  return leftKey === idKeyOf(right as object);
}

/**
 * Realm ordering: negative, zero or positive, or NaN when the two values cannot be ordered
 * (null on either side, or different kinds of value), which makes every ordering operator false.
 */
export function compareValues(left: unknown, right: unknown): number {
  if (left === null || left === undefined || right === null || right === undefined) return NaN;
  const leftType = typeof left;
  const rightType = typeof right;
  if (leftType === "number" || leftType === "bigint") {
    if (rightType !== "number" && rightType !== "bigint") return NaN;
    const a = left as number | bigint;
    const b = right as number | bigint;
    return a < b ? -1 : a > b ? 1 : a == b ? 0 : NaN;
  }
  if (leftType === "string")
    return rightType === "string" ? compareStrings(left as string, right as string) : NaN;
  if (leftType !== "object" || rightType !== "object") return NaN;
  if (left instanceof Date) return right instanceof Date ? left.getTime() - right.getTime() : NaN;
  if (right instanceof Date) return NaN;
  const leftKey = idKeyOf(left as object);
  const rightKey = leftKey === undefined ? undefined : idKeyOf(right as object);
  return leftKey === undefined || rightKey === undefined ? NaN : compareStrings(leftKey, rightKey);
}

/** Lower-cases strings for `[c]`; other values pass through unchanged. */
export function foldCase(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
