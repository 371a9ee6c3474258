import { type Timestamp, newestStampOfDictionary, stampValue } from "../clock/timestamp.js";
import type { DeclaredStamps, StampedUpsert } from "../contracts/client-reset-strategy.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import { mergeDictionaryEntries } from "../realm/dictionary-entries.js";

/**
 * The newest stamp on `object` (a Realm object or a plain copy) among the properties `stamps`
 * declares: its `updated` value and its `fields` entries, or only the entries of `changed` (null
 * when there are none, e.g. written before realm-recovery was added). What core moves the clock past
 * before stamping a write of the object: the stamps the write overwrites.
 *
 * @param changed - the properties a write changes: only their field stamps are read (the ones it
 *   overwrites); null for every field stamp (a delete overwrites them all)
 * @param fieldStamps - the object's `fields` dictionary, when the caller has read it already (each
 *   read of a Realm dictionary property makes a new `Dictionary`)
 * @example
 * newestDeclaredStamp(dog, { fields: "fieldStamps", updated: "lastUpdated" }); // 1767225600001000
 */
export function newestDeclaredStamp(
  object: Readonly<Record<string, unknown>>,
  stamps: DeclaredStamps,
  changed: readonly string[] | null = null,
  fieldStamps: unknown = stamps.fields === undefined ? undefined : object[stamps.fields],
): Timestamp | null {
  let newest = stamps.updated === undefined ? null : stampValue(object[stamps.updated]);
  if (stamps.fields !== undefined) {
    const newestField =
      changed === null ? newestStampOfDictionary(fieldStamps) : newestEntry(fieldStamps, changed);
    if (newestField !== null && (newest === null || newestField > newest)) newest = newestField;
  }
  return newest;
}

/** The newest stamp among the entries `keys` of a dictionary (one lookup each, no walk of the rest). */
function newestEntry(dictionary: unknown, keys: readonly string[]): Timestamp | null {
  if (typeof dictionary !== "object" || dictionary === null) return null;
  let newest: Timestamp | null = null;
  for (const key of keys) {
    const stamp = stampValue((dictionary as Readonly<Record<string, unknown>>)[key]);
    if (stamp !== null && (newest === null || stamp > newest)) newest = stamp;
  }
  return newest;
}

/** Whether `property` is one of the stamp properties `stamps` declares (never stamped as a field). */
function isStampProperty(stamps: DeclaredStamps, property: string): boolean {
  return property === stamps.fields || property === stamps.updated || property === stamps.created;
}

/** The `fields` entries of a write that changed `changed`: its stamp for each, the stamp properties aside. */
function changedFieldEntries(
  stamps: DeclaredStamps,
  stamp: Timestamp,
  changed: readonly string[],
): Record<string, Timestamp> {
  const entries: Record<string, Timestamp> = {};
  for (const key of changed) if (!isStampProperty(stamps, key)) entries[key] = stamp;
  return entries;
}

/** The `fields` entries of a create of `values`: its stamp for every key but the primary key and stamps. */
function createdFieldEntries(
  stamps: DeclaredStamps,
  stamp: Timestamp,
  values: Readonly<Record<string, unknown>>,
  primaryKeyName: string,
): Record<string, Timestamp> {
  const entries: Record<string, Timestamp> = {};
  for (const key in values) if (key !== primaryKeyName && !isStampProperty(stamps, key)) entries[key] = stamp;
  return entries;
}

/**
 * The values the declared `stamps` of one write amount to: what a recorder declaring them must
 * return from `recordUpsert` for the same write. `changed` is null for a create of a new object
 * (every key of `values` but the primary key is then set), the changed properties otherwise.
 *
 * @example
 * declaredStampValues({ updated: "lastUpdated" }, 7, { _id: "1", age: 2 }, null, "_id"); // { lastUpdated: 7 }
 */
export function declaredStampValues(
  stamps: DeclaredStamps,
  stamp: Timestamp,
  values: Readonly<Record<string, unknown>>,
  changed: readonly string[] | null,
  primaryKeyName: string,
  /** Where to put them (a copy of the write's values, to write them with it). @default a new object */
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const fields =
    stamps.fields === undefined
      ? undefined
      : changed === null
        ? createdFieldEntries(stamps, stamp, values, primaryKeyName)
        : changedFieldEntries(stamps, stamp, changed);
  return putStamps(extra, stamps, stamp, fields, changed === null);
}

/**
 * What a recorder declaring `stamps` returns from `recordUpsert` for `write`: the values core writes
 * for the declaration (see {@link declaredStampValues}), from what a recorder is given.
 *
 * @example
 * class MyRecorder implements WriteRecorder {
 *   readonly stamps = { updated: "lastUpdated" };
 *   recordUpsert(write: StampedUpsert) { return recordDeclaredStamps(this.stamps, write); }
 * }
 */
export function recordDeclaredStamps(stamps: DeclaredStamps, write: StampedUpsert): Record<string, unknown> {
  const fields =
    stamps.fields === undefined ? undefined : changedFieldEntries(stamps, write.stamp, write.changed);
  return putStamps({}, stamps, write.stamp, fields, write.previous === null);
}

/** Puts a write's declared stamps into `extra`: its `fields` entries, `updated`, and `created` for a create. */
function putStamps(
  extra: Record<string, unknown>,
  stamps: DeclaredStamps,
  stamp: Timestamp,
  fields: Record<string, Timestamp> | undefined,
  isCreate: boolean,
): Record<string, unknown> {
  // Built by assignment, not as a literal with computed keys (a slow object on Node 20).
  if (stamps.fields !== undefined) extra[stamps.fields] = fields;
  if (stamps.updated !== undefined) extra[stamps.updated] = stamp;
  if (stamps.created !== undefined && isCreate) extra[stamps.created] = stamp;
  return extra;
}

/**
 * Sets the declared stamps of an update of `object` that changed `changed` on the object itself:
 * `updated` assigned, the `fields` entries merged into its dictionary key by key.
 *
 * @param fieldStamps - the object's `fields` dictionary, when the caller has read it already
 */
export function setDeclaredStamps(
  object: RealmObjectLike,
  stamps: DeclaredStamps,
  stamp: Timestamp,
  changed: readonly string[],
  fieldStamps: unknown = stamps.fields === undefined ? undefined : object[stamps.fields],
): void {
  if (stamps.fields !== undefined)
    mergeDictionaryEntries(object, stamps.fields, changedFieldEntries(stamps, stamp, changed), fieldStamps);
  if (stamps.updated !== undefined) (object as Record<string, unknown>)[stamps.updated] = stamp;
}
