import { clonePrimitive } from "../values/bson-values.js";
import type { PortableValue } from "./changeset.js";
import type { RealmStore } from "./realm-store.js";
import { LinkRef, Row } from "./row.js";

/** Converts an internal value to the portable form sync instructions carry (links by primary key). */
export function toPortable(store: RealmStore, value: unknown): PortableValue {
  if (value instanceof LinkRef) {
    const target = store.rowForKey(value.type, value.key);
    const pkName = store.schemas.get(value.type)?.primaryKey;
    if (!target || !pkName) return null;
    return { $link: { type: value.type, primaryKey: clonePrimitive(target.values[pkName]) } };
  }
  if (value instanceof Row) {
    const values: Record<string, PortableValue> = {};
    for (const key in value.values) values[key] = toPortable(store, value.values[key]);
    return { $embedded: values };
  }
  if (Array.isArray(value)) return value.map((item) => toPortable(store, item));
  if (value instanceof Map) {
    const entries: Record<string, PortableValue> = {};
    for (const [key, item] of value) entries[key] = toPortable(store, item);
    return { $dictionary: entries };
  }
  return clonePrimitive(value) as PortableValue;
}

/** Converts every property of a row to portable form. */
export function rowToPortable(store: RealmStore, row: Row): Record<string, PortableValue> {
  const values: Record<string, PortableValue> = {};
  for (const key in row.values) values[key] = toPortable(store, row.values[key]);
  return values;
}

function isTagged<K extends string>(value: unknown, tag: K): value is Record<K, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && tag in value;
}

/** The entries of a portable dictionary value (undefined for any other value). */
export function portableDictionaryEntries(
  value: unknown,
): Readonly<Record<string, PortableValue>> | undefined {
  return isTagged(value, "$dictionary") ? (value.$dictionary as Record<string, PortableValue>) : undefined;
}

/**
 * Converts a portable value back to internal form inside `store`; `objectType` is the property's
 * element type (needed to type embedded objects). A link to an object this store does not have
 * becomes null, as an unresolved link reads as null in Realm.
 */
export function fromPortable(
  store: RealmStore,
  value: PortableValue,
  parent: Row | null,
  property: string | null,
  objectType: string | undefined,
): unknown {
  if (isTagged(value, "$link")) {
    const { type, primaryKey } = value.$link as { type: string; primaryKey: unknown };
    const target = store.rowForPrimaryKey(type, primaryKey);
    return target ? new LinkRef(type, target.key) : null;
  }
  if (isTagged(value, "$embedded")) {
    const type = objectType ?? "";
    const row = new Row(type, store.newEmbeddedKey(), {}, parent, property);
    const schema = store.schemas.get(type);
    for (const [key, item] of Object.entries(value.$embedded as Record<string, PortableValue>)) {
      row.values[key] = fromPortable(store, item, row, key, schema?.properties[key]?.objectType);
    }
    return row;
  }
  if (isTagged(value, "$dictionary")) {
    const map = new Map<string, unknown>();
    for (const [key, item] of Object.entries(value.$dictionary as Record<string, PortableValue>)) {
      map.set(key, fromPortable(store, item, parent, property, objectType));
    }
    return map;
  }
  if (Array.isArray(value))
    return value.map((item) => fromPortable(store, item, parent, property, objectType));
  return clonePrimitive(value);
}
