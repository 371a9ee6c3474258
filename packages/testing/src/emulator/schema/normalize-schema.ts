import type {
  CanonicalObjectSchemaLike,
  CanonicalPropertySchemaLike,
  ObjectSchemaLike,
  PropertySchemaLike,
  PropertyTypeName,
} from "@realm-recovery/core";
import { EmulatorError } from "../emulator-error.js";

const PRIMITIVE_TYPES = new Set<string>([
  "bool",
  "int",
  "float",
  "double",
  "decimal128",
  "objectId",
  "string",
  "data",
  "date",
  "mixed",
  "uuid",
]);
const PRIMARY_KEY_TYPES = new Set<string>(["int", "string", "objectId", "uuid"]);

/** A canonical property whose element type is resolved for the emulator's own use. */
export interface EmulatedProperty extends CanonicalPropertySchemaLike {
  /** For collections and links: whether elements are objects (links or embedded). */
  readonly elementIsObject: boolean;
}

/** A canonical object schema with its properties in declaration order. */
export interface EmulatedObjectSchema extends CanonicalObjectSchemaLike {
  readonly properties: Readonly<Record<string, EmulatedProperty>>;
  /** Property names in declaration order. */
  readonly propertyNames: readonly string[];
}

function invalid(message: string): never {
  throw new EmulatorError("SCHEMA_INVALID", message);
}

function parseShorthand(
  owner: string,
  name: string,
  text: string,
): Omit<EmulatedProperty, "elementIsObject"> {
  let rest = text.trim();
  let collection: "list" | "set" | "dictionary" | null = null;
  if (rest.endsWith("[]")) [collection, rest] = ["list", rest.slice(0, -2)];
  else if (rest.endsWith("<>")) [collection, rest] = ["set", rest.slice(0, -2)];
  else if (rest.endsWith("{}")) [collection, rest] = ["dictionary", rest.slice(0, -2)];
  let optional = false;
  if (rest.endsWith("?")) [optional, rest] = [true, rest.slice(0, -1)];
  if (rest === "") invalid(`Property '${owner}.${name}' has an empty type`);
  const base = rest === "counter" ? "int" : rest;
  const isPrimitive = PRIMITIVE_TYPES.has(base);
  if (collection) {
    return {
      name,
      type: collection,
      objectType: base,
      optional: optional || (!isPrimitive && collection === "dictionary") || base === "mixed",
      indexed: false,
      mapTo: name,
    };
  }
  if (isPrimitive)
    return {
      name,
      type: base as PropertyTypeName,
      optional: optional || base === "mixed",
      indexed: false,
      mapTo: name,
    };
  // A bare object type name is a link, which Realm always treats as optional.
  return { name, type: "object", objectType: base, optional: true, indexed: false, mapTo: name };
}

function normalizeProperty(
  owner: string,
  name: string,
  raw: PropertySchemaLike,
): Omit<EmulatedProperty, "elementIsObject"> {
  if (typeof raw === "string") return parseShorthand(owner, name, raw);
  const type = raw.type as string;
  if (type === "list" || type === "set" || type === "dictionary") {
    if (!raw.objectType) invalid(`Property '${owner}.${name}' of type '${type}' needs an objectType`);
    const base = raw.objectType;
    return {
      name,
      type,
      objectType: base,
      optional: raw.optional ?? (!PRIMITIVE_TYPES.has(base) && type === "dictionary"),
      indexed: raw.indexed ?? false,
      mapTo: raw.mapTo ?? name,
      ...(raw.default !== undefined ? { default: raw.default } : {}),
    };
  }
  if (type === "object") {
    if (!raw.objectType) invalid(`Property '${owner}.${name}' of type 'object' needs an objectType`);
    return {
      name,
      type: "object",
      objectType: raw.objectType,
      optional: true,
      indexed: false,
      mapTo: raw.mapTo ?? name,
    };
  }
  if (type === "linkingObjects")
    invalid(`Property '${owner}.${name}': linkingObjects is not supported by the emulator`);
  if (!PRIMITIVE_TYPES.has(type)) {
    // Realm also accepts `{ type: "Dog" }` as a link.
    return {
      name,
      type: "object",
      objectType: type,
      optional: true,
      indexed: false,
      mapTo: raw.mapTo ?? name,
    };
  }
  return {
    name,
    type: type as PropertyTypeName,
    optional: raw.optional ?? type === "mixed",
    indexed: raw.indexed ?? false,
    mapTo: raw.mapTo ?? name,
    ...(raw.default !== undefined ? { default: raw.default } : {}),
  };
}

/**
 * Turns schemas as users write them (shorthand like `"int?"`, `"Dog[]"`, `"string{}"`, or object
 * form) into Realm's canonical form, validating them the way Realm does at open.
 */
export function normalizeSchema(
  schemas: readonly (ObjectSchemaLike | CanonicalObjectSchemaLike)[],
): EmulatedObjectSchema[] {
  const names = new Set<string>();
  for (const schema of schemas) {
    if (!schema.name) invalid("An object schema is missing its name");
    if (names.has(schema.name)) invalid(`Type '${schema.name}' appears more than once in the schema`);
    names.add(schema.name);
  }
  return schemas.map((schema) => {
    const properties: Record<string, EmulatedProperty> = {};
    for (const [name, raw] of Object.entries(schema.properties)) {
      const base = normalizeProperty(schema.name, name, raw as PropertySchemaLike);
      const elementType = base.type === "object" ? base.objectType : base.objectType;
      const elementIsObject = elementType !== undefined && !PRIMITIVE_TYPES.has(elementType);
      if (elementIsObject && !names.has(elementType!)) {
        invalid(`Property '${schema.name}.${name}' has unknown object type '${elementType}'`);
      }
      properties[name] = { ...base, elementIsObject };
    }
    if (schema.primaryKey !== undefined) {
      const pk = properties[schema.primaryKey];
      if (!pk) invalid(`Primary key property '${schema.name}.${schema.primaryKey}' does not exist`);
      if (!PRIMARY_KEY_TYPES.has(pk.type)) {
        invalid(
          `Property '${schema.name}.${schema.primaryKey}' of type '${pk.type}' cannot be made the primary key`,
        );
      }
      if (schema.embedded) invalid(`Embedded object type '${schema.name}' cannot have a primary key`);
      properties[schema.primaryKey] = { ...pk, indexed: true };
    }
    return {
      name: schema.name,
      ...(schema.primaryKey !== undefined ? { primaryKey: schema.primaryKey } : {}),
      embedded: schema.embedded ?? false,
      asymmetric: schema.asymmetric ?? false,
      properties,
      propertyNames: Object.keys(properties),
    };
  });
}

/** Strips the emulator's own fields so a schema looks exactly like `realm.schema` returns it. */
export function toCanonical(schema: EmulatedObjectSchema): CanonicalObjectSchemaLike {
  const properties: Record<string, CanonicalPropertySchemaLike> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const { elementIsObject: _elementIsObject, ...canonical } = property;
    properties[name] = canonical;
  }
  const { propertyNames: _propertyNames, ...rest } = schema;
  return { ...rest, properties };
}
