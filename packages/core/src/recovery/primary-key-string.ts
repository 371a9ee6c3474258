/**
 * A stable string for a primary-key value, distinct per kind of value ("1" ≠ 1): strings, numbers,
 * and ObjectId / UUID (anything with `toHexString`), without needing the bson module.
 *
 * @example
 * primaryKeyString("1"); // "s:1"
 * primaryKeyString(new BSON.ObjectId(hex)); // "h:<hex>"
 */
export function primaryKeyString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `s:${value}`;
    case "number":
    case "bigint":
      return `i:${String(value)}`;
  }
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toHexString?: unknown }).toHexString === "function"
  ) {
    return `h:${(value as { toHexString(): string }).toHexString()}`;
  }
  return `?:${String(value)}`;
}
