import type { RealmObjectLike, Timestamp } from "@realm-recovery/core";

/** The per-field stamps of an object as a plain map (empty when it has none). */
export function fieldStampsOf(object: RealmObjectLike, stampsProperty: string): Record<string, Timestamp> {
  const stamps = object[stampsProperty] as
    { entries?: () => Iterable<[string, unknown]> } | Record<string, unknown> | null | undefined;
  if (!stamps) return {};
  const entries =
    typeof (stamps as { entries?: unknown }).entries === "function"
      ? [...(stamps as { entries(): Iterable<[string, unknown]> }).entries()]
      : Object.entries(stamps);
  const out: Record<string, Timestamp> = {};
  for (const [field, value] of entries) {
    if (typeof value === "number") out[field] = value;
    else if (typeof value === "bigint") out[field] = Number(value);
  }
  return out;
}

/** The newest of an object's field stamps, or null when it has none. */
export function newestFieldStamp(object: RealmObjectLike, stampsProperty: string): Timestamp | null {
  const values = Object.values(fieldStampsOf(object, stampsProperty));
  return values.length === 0 ? null : Math.max(...values);
}
