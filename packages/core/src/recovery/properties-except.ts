import type { CanonicalObjectSchemaLike } from "../contracts/realm-like.js";

const cache = new WeakMap<readonly string[], WeakMap<CanonicalObjectSchemaLike, readonly string[]>>();

/**
 * The property names of `schema` other than `excluded` (a strategy's own stamp properties, say), in
 * schema order. Cached per exclusion list (by identity: pass the same array each time) and schema,
 * both weakly: strategies ask for every object they decide.
 *
 * @example
 * propertiesExcept(backupSchema, ["lastUpdated"]); // ["_id", "name", "age"]
 */
export function propertiesExcept(
  schema: CanonicalObjectSchemaLike,
  excluded: readonly string[],
): readonly string[] {
  let bySchema = cache.get(excluded);
  if (!bySchema) cache.set(excluded, (bySchema = new WeakMap()));
  let names = bySchema.get(schema);
  if (!names) {
    names = Object.freeze(Object.keys(schema.properties).filter((name) => !excluded.includes(name)));
    bySchema.set(schema, names);
  }
  return names;
}
