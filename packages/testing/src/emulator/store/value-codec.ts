import { type Json, NOT_SCALAR, decodeScalarTag, encodeScalar } from "../values/json-scalars.js";
import { LinkRef, Row } from "./row.js";

/** Encodes an internal stored value as JSON for the realm file. */
export function encodeValue(value: unknown): Json {
  const scalar = encodeScalar(value);
  if (scalar !== NOT_SCALAR) return scalar;
  if (value instanceof LinkRef) return { $ref: [value.type, value.key] };
  if (value instanceof Row) return { $emb: [value.type, value.key, encodeValues(value.values)] };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, v] of value) out[k] = encodeValue(v);
    return { $map: out };
  }
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
  const scalar = decodeScalarTag(tagged);
  if (scalar !== NOT_SCALAR) return scalar;
  throw new TypeError(`Unknown stored value ${JSON.stringify(json)}`);
}

/** Decodes every property of a row. */
export function decodeValues(values: Record<string, unknown>, parent: Row | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) out[key] = decodeValue(values[key], parent, key);
  return out;
}
