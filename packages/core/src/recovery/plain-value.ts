import type { RealmObjectLike } from "../contracts/realm-like.js";

function isRealmObject(value: object): value is RealmObjectLike {
  return typeof (value as { objectSchema?: unknown }).objectSchema === "function";
}

/**
 * A realm value as plain, realm-independent data for reports, previews and conflict resolvers:
 * a link becomes its target's primary key, an embedded object a plain record, a list or set an
 * array, a dictionary a plain record. Dates, ObjectIds, UUIDs, Decimal128s and binaries are
 * returned as they are.
 *
 * @example
 * plainValue(dog.owner); // "person-7"
 * plainValue(dog.tags);  // ["good", "small"]
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value;
  if (value instanceof Date || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value;
  if (typeof (value as { toHexString?: unknown }).toHexString === "function") return value;
  if (isRealmObject(value)) {
    const schema = value.objectSchema();
    if (!schema.embedded && schema.primaryKey) return value[schema.primaryKey];
    return plainRecord(value);
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") {
    return Array.from(value as Iterable<unknown>, plainValue);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = plainValue(item);
  return out;
}

/**
 * The plain values of an object's `properties` (every property when omitted), as {@link plainValue}.
 *
 * @example
 * plainRecord(backupDog, ["name", "age"]); // { name: "Rex", age: 2 }
 */
export function plainRecord(
  object: RealmObjectLike,
  properties: readonly string[] = Object.keys(object.objectSchema().properties),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Indexed, not for-of: strategies call this for every decided object, and there the array
  // iterator allocated a result object per property (a fifth of object recovery's garbage at 10k).
  for (let i = 0; i < properties.length; i++) {
    const name = properties[i]!;
    out[name] = plainValue(object[name]);
  }
  return out;
}

/**
 * Deep equality of two plain values (as {@link plainValue} returns them): dates by time, ObjectIds
 * and UUIDs by their hex string, arrays in order, records by keys.
 *
 * @example
 * plainEqual({ tags: ["a"] }, { tags: ["a"] }); // true
 */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  const hexA = (a as { toHexString?: () => string }).toHexString;
  const hexB = (b as { toHexString?: () => string }).toHexString;
  if (typeof hexA === "function" || typeof hexB === "function") {
    return typeof hexA === "function" && typeof hexB === "function" && hexA.call(a) === hexB.call(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => plainEqual(x, b[i]))
    );
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordB = b as Record<string, unknown>;
  return keysA.every(
    (key) => Object.hasOwn(recordB, key) && plainEqual((a as Record<string, unknown>)[key], recordB[key]),
  );
}
