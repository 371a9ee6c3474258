import type { UpdateModeLike } from "@realm-recovery/core";
import { EmulatorError } from "../emulator-error.js";
import type { EmulatedObjectSchema, EmulatedProperty } from "../schema/normalize-schema.js";
import type { RealmStore } from "../store/realm-store.js";
import { LinkRef, Row } from "../store/row.js";
import { clonePrimitive, isBinary, isDecimal128, isObjectId, isUuid } from "../values/bson-values.js";
import { handleOf } from "./managed-handle.js";

/** Creates or upserts a top-level object for a plain value given to a link property. */
export type LinkedObjectCreator = (
  type: string,
  values: Record<string, unknown>,
  mode: UpdateModeLike,
) => Row;

/** What converting a user value to the stored form needs. */
export interface ConversionContext {
  readonly store: RealmStore;
  readonly mode: UpdateModeLike;
  readonly createLinked: LinkedObjectCreator;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  const type = typeof value;
  return type === "object"
    ? "an object"
    : `a ${type}${type === "string" ? ` '${String(value)}'` : ` (${String(value)})`}`;
}

function mismatch(owner: string, property: string, expected: string, value: unknown): never {
  throw new EmulatorError(
    "TYPE_MISMATCH",
    `Expected '${property}' on '${owner}' to be ${expected}, got ${describe(value)}`,
  );
}

function convertPrimitive(owner: string, property: string, type: string, value: unknown): unknown {
  switch (type) {
    case "bool":
      return typeof value === "boolean" ? value : mismatch(owner, property, "a boolean", value);
    case "int":
      if (typeof value === "bigint") return Number(value);
      return typeof value === "number" && Number.isInteger(value)
        ? value
        : mismatch(owner, property, "an integer", value);
    case "float":
    case "double":
      return typeof value === "number" ? value : mismatch(owner, property, "a number", value);
    case "string":
      return typeof value === "string" ? value : mismatch(owner, property, "a string", value);
    case "date":
      return value instanceof Date && !Number.isNaN(value.getTime())
        ? new Date(value.getTime())
        : mismatch(owner, property, "a Date", value);
    case "objectId":
      return isObjectId(value)
        ? clonePrimitive(value)
        : mismatch(owner, property, "an instance of ObjectId", value);
    case "uuid":
      return isUuid(value) ? clonePrimitive(value) : mismatch(owner, property, "an instance of UUID", value);
    case "decimal128":
      return isDecimal128(value)
        ? clonePrimitive(value)
        : mismatch(owner, property, "an instance of Decimal128", value);
    case "data":
      return isBinary(value)
        ? clonePrimitive(value)
        : mismatch(owner, property, "an instance of ArrayBuffer", value);
    case "mixed":
      if (
        typeof value === "object" &&
        value !== null &&
        !(value instanceof Date) &&
        !isObjectId(value) &&
        !isUuid(value) &&
        !isDecimal128(value) &&
        !isBinary(value)
      ) {
        return mismatch(
          owner,
          property,
          "a primitive value (the emulator's mixed holds no collections or links)",
          value,
        );
      }
      return clonePrimitive(value);
    default:
      throw new EmulatorError(
        "SCHEMA_INVALID",
        `Unsupported property type '${type}' for '${owner}.${property}'`,
      );
  }
}

/** Converts one element (or a single value) whose declared type is `elementType`. */
function convertElement(
  ctx: ConversionContext,
  owner: string,
  property: EmulatedProperty,
  elementType: string,
  value: unknown,
  parent: Row,
): unknown {
  if (value === null || value === undefined) {
    if (property.optional || property.type === "object") return null;
    return mismatch(owner, property.name, `a non-null ${elementType}`, value);
  }
  if (!property.elementIsObject) return convertPrimitive(owner, property.name, elementType, value);
  const target = ctx.store.schemaOf(elementType);
  const handle = handleOf(value);
  if (target.embedded) {
    // An embedded object is always owned by its parent: managed or plain, its values are copied in.
    const source = handle ? handle.row.values : (value as Record<string, unknown>);
    if (typeof source !== "object")
      return mismatch(owner, property.name, `an object of type '${elementType}'`, value);
    const row = new Row(elementType, ctx.store.newEmbeddedKey(), {}, parent, property.name);
    fillValues(ctx, target, row, handle ? plainCopy(source) : source, true);
    return row;
  }
  if (handle) {
    if (handle.store !== ctx.store) {
      throw new EmulatorError(
        "WRONG_REALM",
        `Realm object is from another Realm: cannot link '${owner}.${property.name}' to it; copy its values instead`,
      );
    }
    if (!handle.row.live)
      throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
    if (handle.row.type !== elementType)
      return mismatch(owner, property.name, `an object of type '${elementType}'`, value);
    return new LinkRef(elementType, handle.row.key);
  }
  if (typeof value !== "object")
    return mismatch(owner, property.name, `an object of type '${elementType}'`, value);
  const row = ctx.createLinked(elementType, value as Record<string, unknown>, ctx.mode);
  return new LinkRef(elementType, row.key);
}

function plainCopy(values: Record<string, unknown>): Record<string, unknown> {
  return { ...values };
}

/** Converts a user value for `property` into the stored form (validating its type). */
export function toInternal(
  ctx: ConversionContext,
  schema: EmulatedObjectSchema,
  property: EmulatedProperty,
  value: unknown,
  parent: Row,
): unknown {
  const elementType = property.objectType ?? property.type;
  switch (property.type) {
    case "list":
    case "set": {
      if (value === null || value === undefined) return [];
      if (typeof value !== "object" || !(Symbol.iterator in value))
        return mismatch(schema.name, property.name, "an array", value);
      const items = [...(value as Iterable<unknown>)].map((item) =>
        convertElement(ctx, schema.name, property, elementType, item, parent),
      );
      return property.type === "set" ? dedupe(items) : items;
    }
    case "dictionary": {
      if (value === null || value === undefined) return new Map();
      if (typeof value !== "object" || Array.isArray(value))
        return mismatch(schema.name, property.name, "a dictionary object", value);
      return convertEntriesInto(new Map(), ctx, schema, property, value as object, parent);
    }
    default:
      return convertElement(ctx, schema.name, property, elementType, value, parent);
  }
}

/**
 * Converts (and validates) the entries of a dictionary value, a plain object or a Map, into `map`,
 * which it returns: a new dictionary, or a copy of a stored one that `Dictionary.set` extends.
 */
export function convertEntriesInto(
  map: Map<string, unknown>,
  ctx: ConversionContext,
  schema: EmulatedObjectSchema,
  property: EmulatedProperty,
  value: object,
  parent: Row,
): Map<string, unknown> {
  if (value instanceof Map) {
    for (const [key, item] of value as Map<string, unknown>)
      addEntry(map, ctx, schema, property, key, item, parent);
  } else {
    // Own enumerable keys, as Object.entries, without an array of pairs per write.
    const entries = value as Record<string, unknown>;
    for (const key of Object.keys(entries)) addEntry(map, ctx, schema, property, key, entries[key], parent);
  }
  return map;
}

function addEntry(
  map: Map<string, unknown>,
  ctx: ConversionContext,
  schema: EmulatedObjectSchema,
  property: EmulatedProperty,
  key: string,
  item: unknown,
  parent: Row,
): void {
  if (key.includes(".") || key.startsWith("$")) {
    throw new EmulatorError(
      "TYPE_MISMATCH",
      `Dictionary key '${key}' of '${schema.name}.${property.name}' cannot contain '.' or start with '$'`,
    );
  }
  const elementType = property.objectType ?? property.type;
  map.set(key, convertElement(ctx, schema.name, property, elementType, item, parent));
}

function dedupe(items: unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key =
      item instanceof LinkRef
        ? `link:${item.key}`
        : `${typeof item}:${item instanceof Date ? item.getTime() : String((item as { toHexString?: () => string })?.toHexString?.() ?? item)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Fills a new row from user values: every property of the schema gets the given value, else its
 * default, else null for optional ones; a required property with neither throws like Realm.
 */
export function fillValues(
  ctx: ConversionContext,
  schema: EmulatedObjectSchema,
  row: Row,
  values: Record<string, unknown>,
  isNew: boolean,
): void {
  for (const name of schema.propertyNames) {
    const property = schema.properties[name]!;
    let value = values[name];
    if (value === undefined && isNew) {
      if (property.default !== undefined)
        value =
          typeof property.default === "function" ? (property.default as () => unknown)() : property.default;
      else if (
        !property.optional &&
        property.type !== "object" &&
        property.type !== "list" &&
        property.type !== "set" &&
        property.type !== "dictionary"
      ) {
        throw new EmulatorError("TYPE_MISMATCH", `Missing value for property '${schema.name}.${name}'`);
      }
    }
    row.values[name] = toInternal(ctx, schema, property, value, row);
  }
}
