import { LinkRef, Row } from "../store/row.js";
import { primitivesEqual } from "./bson-values.js";

/** Deep equality of two values in the emulator's internal form (lists, dictionaries, embedded rows, links). */
export function internalEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof LinkRef || b instanceof LinkRef) {
    return a instanceof LinkRef && b instanceof LinkRef && a.type === b.type && a.key === b.key;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => internalEqual(item, b[i]))
    );
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !internalEqual(value, b.get(key))) return false;
    return true;
  }
  if (a instanceof Row || b instanceof Row) {
    if (!(a instanceof Row && b instanceof Row) || a.type !== b.type) return false;
    const keys = Object.keys(a.values);
    return (
      keys.length === Object.keys(b.values).length &&
      keys.every((key) => internalEqual(a.values[key], b.values[key]))
    );
  }
  return primitivesEqual(a, b);
}
