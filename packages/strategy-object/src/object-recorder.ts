import {
  type DeclaredStamps,
  type RealmObjectLike,
  type StampedUpsert,
  type Timestamp,
  type WriteRecorder,
  newestDeclaredStamp,
  recordDeclaredStamps,
  stampValue,
} from "@realm-recovery/core";

/** Reads an object's stamp (null when it has none, e.g. written before realm-recovery was added). */
export function stampOf(object: RealmObjectLike, stampProperty: string): Timestamp | null {
  return stampValue(object[stampProperty]);
}

/**
 * Stamps every tracked create and update with one `lastUpdated` value for the whole object, and
 * (when given a `createdProperty`) each create with its creation stamp, so recovery can tell a
 * local create from a local update of an object the server deleted. Declares both as its
 * {@link WriteRecorder.stamps}, so core writes them without calling the recorder.
 *
 * @example
 * new ObjectRecorder("lastUpdated").recordUpsert(write); // { lastUpdated: write.stamp }
 */
export class ObjectRecorder implements WriteRecorder {
  readonly stamps: DeclaredStamps;

  constructor(stampProperty: string, createdProperty: string | null = null) {
    this.stamps =
      createdProperty === null
        ? { updated: stampProperty }
        : { updated: stampProperty, created: createdProperty };
  }

  /** What core writes for the declared stamps (`lastUpdated`, and a creation stamp on a create). */
  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    return recordDeclaredStamps(this.stamps, write);
  }

  /** The object's `lastUpdated`, as core reads the declared stamps. */
  latestStamp(object: RealmObjectLike): Timestamp | null {
    return newestDeclaredStamp(object, this.stamps);
  }
}
