import {
  type RealmObjectLike,
  type Timestamp,
  newestStampOfDictionary,
  stampsOfDictionary,
} from "@realm-recovery/core";

/**
 * The per-field stamps of an object as a plain map (empty when it has none). A hot path of field
 * recovery (read twice per changed object).
 */
export function fieldStampsOf(object: RealmObjectLike, stampsProperty: string): Record<string, Timestamp> {
  return stampsOfDictionary(object[stampsProperty]);
}

/** The newest of an object's field stamps, or null when it has none (no map of them is built). */
export function newestFieldStamp(object: RealmObjectLike, stampsProperty: string): Timestamp | null {
  return newestStampOfDictionary(object[stampsProperty]);
}
