import { type Json, NOT_SCALAR, decodeScalarTag, encodeScalar } from "../emulator/values/json-scalars.js";

export type { Json };

/**
 * Encodes a simulator value (instructions, primary keys, portable values) as JSON, keeping BSON
 * types, dates, binaries, big integers and non-finite numbers; plain objects are wrapped in `$obj`
 * so their keys never clash with the type tags.
 */
export function encodeState(value: unknown): Json {
  const scalar = encodeScalar(value);
  if (scalar !== NOT_SCALAR) return scalar;
  if (Array.isArray(value)) return value.map(encodeState);
  if (typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value as object)) out[key] = encodeState(item);
    return { $obj: out };
  }
  throw new TypeError(`Cannot persist a value of type ${typeof value}`);
}

/** Decodes what {@link encodeState} wrote. */
export function decodeState(json: unknown): unknown {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) return json.map(decodeState);
  const tagged = json as Record<string, unknown>;
  if ("$obj" in tagged) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(tagged.$obj as Record<string, unknown>))
      out[key] = decodeState(item);
    return out;
  }
  const scalar = decodeScalarTag(tagged);
  if (scalar !== NOT_SCALAR) return scalar;
  throw new TypeError(`Unknown persisted value ${JSON.stringify(json)}`);
}
