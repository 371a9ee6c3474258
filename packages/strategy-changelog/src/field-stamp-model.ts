import {
  type ObjectSchemaLike,
  type RealmLike,
  type Timestamp,
  primaryKeyString,
  stampsOfDictionary,
  upsertDictionaryEntries,
} from "@realm-recovery/core";

/**
 * The synced model that dates remote writes for the change log's `"newer-wins"` policy: one
 * object per written app object (`_id` = `"<type>:<primary key string>"`, e.g. `"Dog:s:1"`) with an `int{}` dictionary of
 * the newest stamp of each field. Every device's tracked writes set only the keys of the fields
 * they changed, and Realm Sync merges a dictionary key by key, so each key stays the stamp of the
 * write behind the field's value. The app's own models stay untouched.
 *
 * @example
 * const stamps = new FieldStampModel("RecoveryFieldStamp");
 * stamps.stampsOf(fresh, "Dog", "1"); // { age: 1767225600000000 } or null
 */
export class FieldStampModel {
  constructor(
    /** The model's name in the synced schema. */
    readonly name: string,
  ) {}

  /** The model's schema. */
  schema(): ObjectSchemaLike {
    return { name: this.name, primaryKey: "_id", properties: { _id: "string", stamps: "int{}" } };
  }

  /** The `_id` of the stamps of the object `type` / `primaryKey`. */
  idOf(type: string, primaryKey: unknown): string {
    return `${type}:${primaryKeyString(primaryKey)}`;
  }

  /** The field stamps of an object in `realm` (null when none was recorded). */
  stampsOf(realm: RealmLike, type: string, primaryKey: unknown): Record<string, Timestamp> | null {
    const holder = realm.objectForPrimaryKey(this.name, this.idOf(type, primaryKey));
    return holder ? stampsOfDictionary(holder.stamps) : null;
  }

  /** The `related` entries that set `stamps` on the object's stamps (inside a write transaction). */
  entries(type: string, primaryKey: unknown, stamps: Readonly<Record<string, Timestamp>>) {
    return {
      type: this.name,
      key: { _id: this.idOf(type, primaryKey) },
      dictionaries: { stamps },
    };
  }

  /** Deletes the object's stamps, if any (inside a write transaction). */
  forget(realm: RealmLike, type: string, primaryKey: unknown): void {
    const holder = realm.objectForPrimaryKey(this.name, this.idOf(type, primaryKey));
    if (holder) realm.delete(holder);
  }

  /** Sets `stamps` on the object's stamps, key by key (inside a write transaction). */
  record(
    realm: RealmLike,
    type: string,
    primaryKey: unknown,
    stamps: Readonly<Record<string, Timestamp>>,
  ): void {
    const { key, dictionaries } = this.entries(type, primaryKey, stamps);
    upsertDictionaryEntries(realm, this.name, key, dictionaries);
  }
}
