import type { StampedDelete, StampedUpsert, WriteRecorder } from "@realm-recovery/core";

/**
 * The change-log "property" of the entry that records a local create (`$` keeps it apart from the
 * schema's property names). Pruned like every entry once the create is uploaded.
 */
export const CREATE_ENTRY = "$create";

/**
 * Logs every tracked write in the journal (one entry per object and property, the latest stamp
 * kept) instead of stamping the objects, so the synced schema stays untouched. A create also logs
 * a `$create` entry, so recovery can tell a local create from an update of a remotely deleted object.
 *
 * @example
 * new ChangelogRecorder().recordUpsert(write); // {} — and the journal gains (Dog, "1", "age", stamp)
 */
export class ChangelogRecorder implements WriteRecorder {
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
    return {};
  }

  recordDelete(write: StampedDelete): void {
    write.journal.appendChanges([
      { objectType: write.objectType, primaryKey: write.primaryKey, property: null, stamp: write.stamp },
    ]);
  }
}
