import {
  type RealmObjectLike,
  type StampedDelete,
  type StampedObject,
  type StampedUpsert,
  type Timestamp,
  type WriteRecorder,
  newestStamp,
} from "@realm-recovery/core";
import type { FieldStampModel } from "./field-stamp-model.js";

/**
 * The change-log "property" of the entry that records a local create (`$` keeps it apart from the
 * schema's property names). Pruned like every entry once the create is uploaded.
 */
export const CREATE_ENTRY = "$create";

/**
 * Logs every tracked write in the journal (one entry per object and property, the latest stamp
 * kept) instead of stamping the objects, so the app's synced models stay untouched. A create also
 * logs a `$create` entry, so recovery can tell a local create from an update of a remotely deleted
 * object. Given a {@link FieldStampModel} (the `"newer-wins"` policy), each write also sets the
 * stamps of the fields it changed there, and every stamp is taken past the ones already recorded.
 *
 * @example
 * new ChangelogRecorder().recordUpsert(write); // {} — and the journal gains (Dog, "1", "age", stamp)
 */
export class ChangelogRecorder implements WriteRecorder {
  constructor(private readonly stampModel: FieldStampModel | null = null) {}

  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    const properties = write.previous === null ? [CREATE_ENTRY, ...write.changed] : write.changed;
    write.journal.appendChanges(
      properties.map((property) => ({
        objectType: write.objectType,
        primaryKey: write.primaryKey,
        property,
        stamp: write.stamp,
      })),
    );
    if (this.stampModel && write.realm && write.changed.length > 0) {
      const stamps: Record<string, Timestamp> = {};
      for (const field of write.changed) stamps[field] = write.stamp;
      this.stampModel.record(write.realm, write.objectType, write.primaryKey, stamps);
    }
    return {};
  }

  recordDelete(write: StampedDelete): void {
    write.journal.appendChanges([
      { objectType: write.objectType, primaryKey: write.primaryKey, property: null, stamp: write.stamp },
    ]);
    // The object's stamps go with it, so the stamp model stays bounded by the live objects.
    if (this.stampModel && write.realm)
      this.stampModel.forget(write.realm, write.objectType, write.primaryKey);
  }

  latestStamp(_object: RealmObjectLike, where?: StampedObject): Timestamp | null {
    if (!this.stampModel || !where) return null;
    return newestStamp(this.stampModel.stampsOf(where.realm, where.objectType, where.primaryKey));
  }
}
