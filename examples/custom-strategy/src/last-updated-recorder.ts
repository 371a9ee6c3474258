import type { RealmObjectLike, StampedUpsert, Timestamp, WriteRecorder } from "@realm-recovery/core";

/** Reads an object's stamp (null when it has none, e.g. written before realm-recovery was added). */
export function stampOf(object: RealmObjectLike, stampProperty: string): Timestamp | null {
  const value = object[stampProperty];
  return typeof value === "number" ? value : null;
}

/**
 * Stamps every tracked create and update with one `lastUpdated` value for the whole object: the
 * write's hybrid-logical-clock stamp, which core makes greater than every stamp it overwrites.
 *
 * @example
 * new LastUpdatedRecorder("lastUpdated").recordUpsert(write); // { lastUpdated: write.stamp }
 */
export class LastUpdatedRecorder implements WriteRecorder {
  constructor(private readonly stampProperty: string) {}

  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    return { [this.stampProperty]: write.stamp };
  }

  latestStamp(object: RealmObjectLike): Timestamp | null {
    return stampOf(object, this.stampProperty);
  }
}
