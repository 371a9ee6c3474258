import type { CanonicalObjectSchemaLike, CanonicalPropertySchemaLike } from "@realm-recovery/core";

/**
 * Builders of schema objects with one fixed shape per kind. Every object comes from a literal
 * listing its keys (an optional key is added after the literal, always in the same place), never
 * from an object spread: V8 gives a spread's result a map that depends on the state of the spread's
 * inline cache, so the schema objects of one type got a new map from time to time as other schemas
 * passed through it. Code optimised for the old map (a strategy reading `primaryKey`, the
 * emulator reading `properties`) was then thrown away in the middle of a recovery: at 100k objects
 * such a recovery took 1.7× as long as one that kept its code.
 */

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields of a canonical property, in Realm's order (`objectType` and `default` when set). */
export function canonicalProperty(property: CanonicalPropertySchemaLike): CanonicalPropertySchemaLike {
  const { name, type, objectType, optional, indexed, mapTo } = property;
  const out: Mutable<CanonicalPropertySchemaLike> =
    objectType === undefined
      ? { name, type, optional, indexed, mapTo }
      : { name, type, objectType, optional, indexed, mapTo };
  if (property.default !== undefined) out.default = property.default;
  return out;
}

/**
 * A canonical object schema, in Realm's order (`primaryKey` when set) with `properties` as given.
 *
 * @example
 * canonicalObjectSchema({ name: "Dog", primaryKey: "_id", embedded: false, asymmetric: false }, properties);
 */
export function canonicalObjectSchema<P extends Readonly<Record<string, CanonicalPropertySchemaLike>>>(
  schema: Omit<CanonicalObjectSchemaLike, "properties">,
  properties: P,
): CanonicalObjectSchemaLike & { readonly properties: P } {
  const { name, primaryKey } = schema;
  const embedded = schema.embedded ?? false;
  const asymmetric = schema.asymmetric ?? false;
  return primaryKey === undefined
    ? { name, embedded, asymmetric, properties }
    : { name, primaryKey, embedded, asymmetric, properties };
}
