import type {
  DeclaredStamps,
  RealmObjectLike,
  StampedUpsert,
  Timestamp,
  WriteRecorder,
} from "@realm-recovery/core";

/** Reads an object's stamp (null when it has none, e.g. written before realm-recovery was added). */
export function stampOf(object: RealmObjectLike, stampProperty: string): Timestamp | null {
  const value = object[stampProperty];
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : null;
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

  constructor(
    private readonly stampProperty: string,
    private readonly createdProperty: string | null = null,
  ) {
    this.stamps =
      createdProperty === null
        ? { updated: stampProperty }
        : { updated: stampProperty, created: createdProperty };
  }

  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>> {
    // Built by assignment: on Node 20 an object literal with computed keys is a slow object, and
    // copying it into the written values (every tracked write does) cost more than the write itself.
    const extra: Record<string, unknown> = {};
    extra[this.stampProperty] = write.stamp;
    if (this.createdProperty !== null && write.previous === null) extra[this.createdProperty] = write.stamp;
    return extra;
  }

  latestStamp(object: RealmObjectLike): Timestamp | null {
    return stampOf(object, this.stampProperty);
  }
}
