/** A comparison operator of the subset. */
export type ComparisonOperator =
  "==" | "!=" | "<" | "<=" | ">" | ">=" | "BEGINSWITH" | "ENDSWITH" | "CONTAINS" | "LIKE";

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as { toHexString?: () => string; _bsontype?: string };
  if (typeof v.toHexString === "function") return v.toHexString();
  return undefined;
}

function normalize(value: unknown, caseInsensitive: boolean): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint") return Number(value);
  const id = idOf(value);
  if (id !== undefined) return id;
  if (caseInsensitive && typeof value === "string") return value.toLowerCase();
  return value;
}

/** Compiles a LIKE pattern (`*` any run, `?` one character) to a RegExp. */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}

/**
 * Compares one stored value with one query value the way Realm does: null only equals null,
 * ordering with null is false, dates by time, ObjectIds/UUIDs by hex, numbers across int/bigint.
 */
export function compareScalar(
  left: unknown,
  operator: ComparisonOperator,
  right: unknown,
  caseInsensitive: boolean,
  like: RegExp | null,
): boolean {
  const leftNull = left === null || left === undefined;
  const rightNull = right === null || right === undefined;
  if (leftNull || rightNull) {
    if (operator === "==") return leftNull && rightNull;
    if (operator === "!=") return leftNull !== rightNull;
    return false;
  }
  switch (operator) {
    case "BEGINSWITH":
    case "ENDSWITH":
    case "CONTAINS": {
      if (typeof left !== "string" || typeof right !== "string") return false;
      const l = caseInsensitive ? left.toLowerCase() : left;
      const r = caseInsensitive ? right.toLowerCase() : right;
      return operator === "BEGINSWITH"
        ? l.startsWith(r)
        : operator === "ENDSWITH"
          ? l.endsWith(r)
          : l.includes(r);
    }
    case "LIKE":
      return typeof left === "string" && like !== null && like.test(left);
  }
  const l = normalize(left, caseInsensitive);
  const r = normalize(right, caseInsensitive);
  switch (operator) {
    case "==":
      return l === r;
    case "!=":
      return l !== r;
  }
  if (typeof l !== typeof r || typeof l === "boolean" || typeof l === "object") return false;
  const a = l as number | string;
  const b = r as number | string;
  switch (operator) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

/** Whether `value` is a collection for Realm's implicit ANY comparison (an array, not a string). */
export function isCollection(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
