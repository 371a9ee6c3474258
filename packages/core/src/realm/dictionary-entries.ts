import type {
  CanonicalObjectSchemaLike,
  RealmLike,
  RealmObjectLike,
  UpdateModeLike,
} from "../contracts/realm-like.js";

/** The part of a Realm dictionary that merges entries: `Realm.Dictionary#set`. */
interface DictionaryLike {
  set(entries: Readonly<Record<string, unknown>>): unknown;
}

/** Whether `value` is a plain object of entries (not a Realm object, collection, date or array). */
export function isPlainEntries(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Merges `entries` into the dictionary `object[property]` key by key (`Dictionary.set`). Assigning a
 * whole dictionary instead clears it first, and synced, that clear also drops the keys other devices
 * wrote concurrently; merging changes only the named keys, which Realm Sync merges key by key.
 *
 * @example
 * realm.write(() => mergeDictionaryEntries(dog, "fieldStamps", { age: stamp }));
 */
export function mergeDictionaryEntries(
  object: RealmObjectLike,
  property: string,
  entries: Readonly<Record<string, unknown>>,
  /** `object[property]`, when the caller has read it already. */
  current: unknown = object[property],
): void {
  const dictionary = current as DictionaryLike | null | undefined;
  // Dictionary.set copies the entries it is given (Realm converts each into the file), so they are
  // passed as they are; a plain object assigned as the whole dictionary is copied first.
  if (dictionary && typeof dictionary.set === "function") dictionary.set(entries);
  else (object as Record<string, unknown>)[property] = { ...entries };
}

/**
 * Upserts `values` of an object of `type` with `mode`, with `extra` on top: plain entries for a
 * property `isDictionary` names are merged into the object's dictionary key by key afterwards (see
 * {@link mergeDictionaryEntries}); every other extra value is written with the object (into
 * `values`). Returns the object.
 *
 * @example
 * upsertMergingDictionaries(fresh, "Dog", { _id: "1", age: 2 }, { fieldStamps: { age: stamp } }, (p) => p === "fieldStamps", "modified");
 */
export function upsertMergingDictionaries(
  realm: RealmLike,
  type: string,
  values: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>> | undefined,
  isDictionary: (property: string) => boolean,
  mode: UpdateModeLike,
): RealmObjectLike {
  // Two passes over `extra` (it holds a few stamps) rather than a list of the dictionaries to merge.
  let merges = false;
  for (const key in extra) {
    const value = extra[key];
    if (isDictionary(key) && isPlainEntries(value)) merges = true;
    else values[key] = value;
  }
  const object = realm.create(type, values, mode);
  if (merges) {
    for (const key in extra) {
      const value = extra[key];
      if (isDictionary(key) && isPlainEntries(value)) mergeDictionaryEntries(object, key, value);
    }
  }
  return object;
}

/**
 * Merges `dictionaries` (entries per dictionary property) into the object of `type` whose primary
 * key is the one value of `key`, key by key, creating the object when it is missing. For stamps
 * kept in a model of their own, one object per stamped object.
 *
 * @example
 * upsertDictionaryEntries(realm, "RecoveryFieldStamp", { _id: "Dog:1" }, { stamps: { age: stamp } });
 */
export function upsertDictionaryEntries(
  realm: RealmLike,
  type: string,
  key: Readonly<Record<string, unknown>>,
  dictionaries: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): RealmObjectLike {
  const primaryKey = Object.values(key)[0];
  const existing = realm.objectForPrimaryKey(type, primaryKey);
  // Object.assign, not a double spread: on Node 20 `{ ...a, ...b }` costs a microsecond or two.
  if (!existing) return realm.create(type, Object.assign({}, key, dictionaries));
  for (const property in dictionaries) mergeDictionaryEntries(existing, property, dictionaries[property]!);
  return existing;
}

const dictionaryTests = new WeakMap<CanonicalObjectSchemaLike, (property: string) => boolean>();

/**
 * Whether a property of `schema` is a dictionary: the `isDictionary` of
 * {@link upsertMergingDictionaries}, one per schema rather than a closure per write.
 */
export function dictionaryPropertyTest(schema: CanonicalObjectSchemaLike): (property: string) => boolean {
  let test = dictionaryTests.get(schema);
  if (!test) {
    const properties = schema.properties;
    test = (property) => properties[property]?.type === "dictionary";
    dictionaryTests.set(schema, test);
  }
  return test;
}
