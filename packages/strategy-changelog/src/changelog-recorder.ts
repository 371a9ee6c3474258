import type { StampedDelete, StampedUpsert, WriteRecorder } from "@realm-recovery/core";

/**
 * Logs every tracked write in the journal (one entry per object and property, the latest stamp
 * kept) instead of stamping the objects, so the synced schema stays untouched.
 *
 * @example
 * new ChangelogRecorder().recordUpsert(write); // {} — and the journal gains (Dog, "1", "age", stamp)
 */
export class ChangelogRecorder implements WriteRecorder {
  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    write.journal.appendChanges(
      write.changed.map((property) => ({
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
