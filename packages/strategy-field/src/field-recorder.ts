import type { RealmObjectLike, StampedUpsert, Timestamp, WriteRecorder } from "@realm-recovery/core";
import { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";

/**
 * Stamps exactly the fields a tracked write changed, in a dictionary property (`fieldStamps`),
 * keeping the stamps of the fields it did not touch.
 *
 * @example
 * recorder.recordUpsert({ changed: ["age"], previous, stamp, ... }); // { fieldStamps: { ...old, age: stamp } }
 */
export class FieldRecorder implements WriteRecorder {
  constructor(private readonly stampsProperty: string) {}

  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    const stamps = write.previous ? fieldStampsOf(write.previous, this.stampsProperty) : {};
    for (const field of write.changed) if (field !== this.stampsProperty) stamps[field] = write.stamp;
    return { [this.stampsProperty]: stamps };
  }

  latestStamp(object: RealmObjectLike): Timestamp | null {
    return newestFieldStamp(object, this.stampsProperty);
  }
}
