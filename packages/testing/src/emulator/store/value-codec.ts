import { Decimal128, ObjectId, UUID } from "bson";
import { isBinary, isDecimal128, isObjectId, isUuid, toBytes } from "../values/bson-values.js";
import { LinkRef, Row } from "./row.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Encodes an internal stored value as JSON for the realm file. */
export function encodeValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "boolean":
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) ? value : { $num: String(value) };
    case "bigint":
      return { $big: value.toString() };
  }
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof LinkRef) return { $ref: [value.type, value.key] };
  if (value instanceof Row) return { $emb: [value.type, value.key, encodeValues(value.values)] };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, v] of value) out[k] = encodeValue(v);
    return { $map: out };
  }
  if (isObjectId(value)) return { $oid: value.toHexString() };
  if (isUuid(value)) return { $uuid: (value as UUID).toHexString() };
  if (isDecimal128(value)) return { $dec: value.toString() };
  if (isBinary(value)) return { $bin: Buffer.from(toBytes(value)).toString("base64") };
  throw new TypeError(`Cannot store value of type ${Object.prototype.toString.call(value)}`);
}

/** Encodes every property of a row. */
export function encodeValues(values: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key in values) out[key] = encodeValue(values[key]);
  return out;
}

/** Decodes a value written by {@link encodeValue}; embedded rows get `parent` and `property` as their parent. */
export function decodeValue(json: unknown, parent: Row | null, property: string | null = null): unknown {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) return json.map((item) => decodeValue(item, parent, property));
  const tagged = json as Record<string, unknown>;
  if ("$date" in tagged) return new Date(tagged.$date as number);
  if ("$ref" in tagged) {
    const [type, key] = tagged.$ref as [string, number];
    return new LinkRef(type, key);
  }
  if ("$emb" in tagged) {
    const [type, key, values] = tagged.$emb as [string, number, Record<string, unknown>];
    const row = new Row(type, key, {}, parent, property);
    Object.assign(row.values, decodeValues(values, row));
    return row;
  }
  if ("$map" in tagged) {
    const map = new Map<string, unknown>();
    for (const [k, v] of Object.entries(tagged.$map as Record<string, unknown>)) {
      map.set(k, decodeValue(v, parent, property));
    }
    return map;
  }
  if ("$oid" in tagged) return new ObjectId(tagged.$oid as string);
  if ("$uuid" in tagged) return new UUID(tagged.$uuid as string);
  if ("$dec" in tagged) return Decimal128.fromString(tagged.$dec as string);
  if ("$bin" in tagged) {
    const bytes = Buffer.from(tagged.$bin as string, "base64");
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  if ("$big" in tagged) return BigInt(tagged.$big as string);
  if ("$num" in tagged) return Number(tagged.$num);
  throw new TypeError(`Unknown stored value ${JSON.stringify(json)}`);
}

/** Decodes every property of a row. */
export function decodeValues(values: Record<string, unknown>, parent: Row | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) out[key] = decodeValue(values[key], parent, key);
  return out;
}
