import { Decimal128, ObjectId, UUID } from "bson";

/** Whether `value` is a BSON ObjectId (from this bson copy or any other, e.g. `Realm.BSON`). */
export function isObjectId(value: unknown): value is ObjectId {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { _bsontype?: string })._bsontype?.toLowerCase() === "objectid"
  );
}

/** Whether `value` is a BSON UUID or Binary subtype 4 from any bson copy. */
export function isUuid(value: unknown): value is UUID {
  return (
    value instanceof UUID ||
    (typeof value === "object" && value !== null && (value as { _bsontype?: string })._bsontype === "UUID") ||
    (typeof value === "object" &&
      value !== null &&
      (value as { sub_type?: number; _bsontype?: string })._bsontype === "Binary" &&
      (value as { sub_type?: number }).sub_type === 4)
  );
}

/** Whether `value` is a BSON Decimal128. */
export function isDecimal128(value: unknown): value is Decimal128 {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { _bsontype?: string })._bsontype === "Decimal128"
  );
}

/** Whether `value` is binary data (`ArrayBuffer` or a typed array / DataView). */
export function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** A stable string for a primary-key value, unique per type of value (so "1" and 1 differ). */
export function primaryKeyString(value: unknown): string {
  if (typeof value === "string") return `s:${value}`;
  if (typeof value === "number" || typeof value === "bigint") return `i:${String(value)}`;
  if (isObjectId(value)) return `o:${value.toHexString()}`;
  if (isUuid(value)) return `u:${(value as UUID).toHexString()}`;
  if (value === null || value === undefined) return "null";
  return `?:${String(value)}`;
}

/** Copies a primitive value so callers cannot mutate stored state through it. */
export function clonePrimitive(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (isObjectId(value)) return new ObjectId(value.toHexString());
  if (isUuid(value)) return new UUID((value as UUID).toHexString());
  if (isDecimal128(value)) return Decimal128.fromString(value.toString());
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return bytes.slice().buffer;
  }
  return value;
}

/** Equality of two primitive values the way Realm compares stored values. */
export function primitivesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === "bigint" || typeof b === "bigint") {
    return (
      (typeof a === "number" || typeof a === "bigint") &&
      (typeof b === "number" || typeof b === "bigint") &&
      BigInt(a) === BigInt(b)
    );
  }
  if (isObjectId(a) && isObjectId(b)) return a.toHexString() === b.toHexString();
  if (isUuid(a) && isUuid(b)) return (a as UUID).toHexString() === (b as UUID).toHexString();
  if (isDecimal128(a) && isDecimal128(b)) return a.toString() === b.toString();
  if (isBinary(a) && isBinary(b)) {
    const x = toBytes(a);
    const y = toBytes(b);
    return x.length === y.length && x.every((byte, i) => byte === y[i]);
  }
  return false;
}

/** The bytes of a binary value. */
export function toBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  return value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
