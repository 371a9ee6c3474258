import type { RealmObjectLike, StampedUpsert, Timestamp, WriteRecorder } from "@realm-recovery/core";

/** Reads an object's stamp (null when it has none, e.g. written before realm-recovery was added). */
export function stampOf(object: RealmObjectLike, stampProperty: string): Timestamp | null {
  const value = object[stampProperty];
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : null;
}

/**
 * Stamps every tracked create and update with one `lastUpdated` value for the whole object, and
 * (when given a `createdProperty`) each create with its creation stamp, so recovery can tell a
 * local create from a local update of an object the server deleted.
 *
 * @example
 * new ObjectRecorder("lastUpdated").recordUpsert(write); // { lastUpdated: write.stamp }
 */
export class ObjectRecorder implements WriteRecorder {
  constructor(
    private readonly stampProperty: string,
    private readonly createdProperty: string | null = null,
  ) {}

  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    if (this.createdProperty !== null && write.previous === null) {
      return { [this.stampProperty]: write.stamp, [this.createdProperty]: write.stamp };
    }
    return { [this.stampProperty]: write.stamp };
  }

  latestStamp(object: RealmObjectLike): Timestamp | null {
    return stampOf(object, this.stampProperty);
  }
}
