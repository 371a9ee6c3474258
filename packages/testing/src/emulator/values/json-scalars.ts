import { Decimal128, ObjectId, UUID } from "bson";
import { isBinary, isDecimal128, isObjectId, isUuid, toBytes } from "./bson-values.js";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Returned by the scalar codecs for a value that is not a scalar (a container or a tag they do not know). */
export const NOT_SCALAR: unique symbol = Symbol("not a scalar");

/**
 * Encodes a scalar realm value as JSON, keeping what JSON loses as tagged objects: dates (`$date`),
 * ObjectIds, UUIDs, Decimal128s, binaries, big integers and non-finite numbers. Returns
 * {@link NOT_SCALAR} for anything else, so the emulator's file codec and the simulator's state codec
 * share one encoding of scalars and add their own containers.
 *
 * @example
 * encodeScalar(new Date(5)); // { $date: 5 }
 */
export function encodeScalar(value: unknown): Json | typeof NOT_SCALAR {
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
  if (isObjectId(value)) return { $oid: value.toHexString() };
  if (isUuid(value)) return { $uuid: (value as UUID).toHexString() };
  if (isDecimal128(value)) return { $dec: value.toString() };
  if (isBinary(value)) return { $bin: Buffer.from(toBytes(value)).toString("base64") };
  return NOT_SCALAR;
}

/**
 * Decodes a tagged scalar written by {@link encodeScalar}; {@link NOT_SCALAR} for other tags.
 *
 * @example
 * decodeScalarTag({ $oid: "65..." }); // ObjectId
 */
export function decodeScalarTag(tagged: Record<string, unknown>): unknown {
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
  return NOT_SCALAR;
}
