import type { CanonicalObjectSchemaLike } from "../contracts/realm-like.js";

const cache = new WeakMap<CanonicalObjectSchemaLike, Map<string, readonly string[]>>();

/**
 * The property names of `schema` other than `excluded` (a strategy's own stamp properties, say), in
 * schema order. Cached per schema and exclusion list: strategies ask for every object they decide.
 *
 * @example
 * propertiesExcept(backupSchema, ["lastUpdated"]); // ["_id", "name", "age"]
 */
export function propertiesExcept(
  schema: CanonicalObjectSchemaLike,
  excluded: readonly string[],
): readonly string[] {
  let bySchema = cache.get(schema);
  if (!bySchema) cache.set(schema, (bySchema = new Map()));
  const key = excluded.join("\u0000");
  let names = bySchema.get(key);
  if (!names) {
    names = Object.freeze(Object.keys(schema.properties).filter((name) => !excluded.includes(name)));
    bySchema.set(key, names);
  }
  return names;
}
