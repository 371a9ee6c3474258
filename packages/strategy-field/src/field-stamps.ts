import { type RealmObjectLike, type Timestamp, newestStamp } from "@realm-recovery/core";

type StampEntries = Iterable<readonly [string, unknown]>;

/**
 * The per-field stamps of an object as a plain map (empty when it has none). A hot path of field
 * recovery (read twice per changed object): a Realm dictionary's `entries()` is read once and walked
 * directly, with no intermediate arrays.
 */
export function fieldStampsOf(object: RealmObjectLike, stampsProperty: string): Record<string, Timestamp> {
  const stamps = object[stampsProperty] as
    { entries?: () => StampEntries } | Record<string, unknown> | null | undefined;
  const out: Record<string, Timestamp> = {};
  if (!stamps) return out;
  const entries = stamps.entries;
  const list: StampEntries =
    typeof entries === "function"
      ? (entries as () => StampEntries).call(stamps)
      : Object.entries(stamps as Record<string, unknown>);
  for (const [field, value] of list) {
    if (typeof value === "number") out[field] = value;
    else if (typeof value === "bigint") out[field] = Number(value);
  }
  return out;
}

/** The newest of an object's field stamps, or null when it has none. */
export function newestFieldStamp(object: RealmObjectLike, stampsProperty: string): Timestamp | null {
  return newestStamp(fieldStampsOf(object, stampsProperty));
}
