import {
  type DeclaredStamps,
  type RealmObjectLike,
  type StampedUpsert,
  type Timestamp,
  type WriteRecorder,
  newestDeclaredStamp,
  recordDeclaredStamps,
} from "@realm-recovery/core";

/**
 * Stamps exactly the fields a tracked write changed, in a dictionary property (`fieldStamps`), and
 * keeps the write's stamp in `lastUpdated` so recovery can find changed objects with a query instead
 * of reading every object's dictionary. Only the changed fields' keys are written (core merges them
 * into the dictionary key by key), so two devices stamping different fields of one object both keep
 * their stamps through sync. Declares them as its {@link WriteRecorder.stamps}, so core writes
 * them without calling the recorder.
 *
 * @example
 * recorder.recordUpsert({ changed: ["age"], previous, stamp, ... }); // { fieldStamps: { age: stamp }, lastUpdated: stamp }
 */
export class FieldRecorder implements WriteRecorder {
  readonly stamps: DeclaredStamps;

  constructor(
    stampsProperty: string,
    newestProperty: string,
    /** When set, creates also get a creation stamp here (tells local creates from remote deletes). */
    createdProperty: string | null = null,
  ) {
    this.stamps =
      createdProperty === null
        ? { fields: stampsProperty, updated: newestProperty }
        : { fields: stampsProperty, updated: newestProperty, created: createdProperty };
  }

  /** What core writes for the declared stamps (the changed fields' stamps, `lastUpdated`, a creation stamp). */
  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    return recordDeclaredStamps(this.stamps, write);
  }

  /** The newest of the object's field stamps and its `lastUpdated`, as core reads the declared stamps. */
  latestStamp(object: RealmObjectLike): Timestamp | null {
    return newestDeclaredStamp(object, this.stamps);
  }
}
