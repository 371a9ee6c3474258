import { Decimal128, ObjectId, UUID } from "bson";
import { isBinary, isDecimal128, isObjectId, isUuid, toBytes } from "../emulator/values/bson-values.js";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Encodes a simulator value (instructions, primary keys, portable values) as JSON, keeping BSON
 * types, dates, binaries, big integers and non-finite numbers; plain objects are wrapped in `$obj`
 * so their keys never clash with the type tags.
 */
export function encodeState(value: unknown): Json {
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
  if (Array.isArray(value)) return value.map(encodeState);
  if (isObjectId(value)) return { $oid: value.toHexString() };
  if (isUuid(value)) return { $uuid: (value as UUID).toHexString() };
  if (isDecimal128(value)) return { $dec: value.toString() };
  if (isBinary(value)) return { $bin: Buffer.from(toBytes(value)).toString("base64") };
  if (typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = encodeState(item);
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
  if ("$date" in tagged) return new Date(tagged.$date as number);
  if ("$oid" in tagged) return new ObjectId(tagged.$oid as string);
  if ("$uuid" in tagged) return new UUID(tagged.$uuid as string);
  if ("$dec" in tagged) return Decimal128.fromString(tagged.$dec as string);
  if ("$bin" in tagged) {
    const bytes = Buffer.from(tagged.$bin as string, "base64");
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  if ("$big" in tagged) return BigInt(tagged.$big as string);
  if ("$num" in tagged) return Number(tagged.$num);
  throw new TypeError(`Unknown persisted value ${JSON.stringify(json)}`);
}
