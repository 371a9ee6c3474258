/**
 * A hybrid logical clock stamp: wall-clock milliseconds × 1000 + a logical counter (0–999).
 * Plain numbers compare and sort correctly, fit a Realm `int` property exactly (< 2^53 until the
 * year 2255) and cost nothing to store on every object.
 *
 * @example
 * const t: Timestamp = timestampFrom(Date.parse("2026-01-01T00:00:00Z"), 3);
 * timestampToDate(t).toISOString(); // "2026-01-01T00:00:00.000Z"
 */
export type Timestamp = number;

/** How many logical ticks fit inside one wall-clock millisecond of a {@link Timestamp}. */
export const LOGICAL_TICKS_PER_MS = 1000;

/** Builds a {@link Timestamp} from wall-clock milliseconds and a logical counter. */
export function timestampFrom(wallMs: number, logical = 0): Timestamp {
  return Math.floor(wallMs) * LOGICAL_TICKS_PER_MS + logical;
}

/** The wall-clock milliseconds part of a {@link Timestamp}. */
export function timestampWallMs(stamp: Timestamp): number {
  return Math.floor(stamp / LOGICAL_TICKS_PER_MS);
}

/** The logical counter part of a {@link Timestamp}. */
export function timestampLogical(stamp: Timestamp): number {
  return stamp - timestampWallMs(stamp) * LOGICAL_TICKS_PER_MS;
}

/** The wall-clock time a {@link Timestamp} was taken at, as a `Date`. */
export function timestampToDate(stamp: Timestamp): Date {
  return new Date(timestampWallMs(stamp));
}

/** Whether `value` is a usable {@link Timestamp} (a non-negative safe integer). */
export function isTimestamp(value: unknown): value is Timestamp {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The newest of the stamps in `stamps` (a record of stamps by name, such as per-field stamps), or
 * null when it holds none.
 *
 * @example
 * newestStamp({ name: 5, age: 9 }); // 9
 */
export function newestStamp(
  stamps: Readonly<Record<string, Timestamp>> | null | undefined,
): Timestamp | null {
  let newest: Timestamp | null = null;
  for (const key in stamps) {
    const stamp = stamps[key]!;
    if (newest === null || stamp > newest) newest = stamp;
  }
  return newest;
}

type StampEntries = Iterable<readonly [string, unknown]>;

/** The entries of a Realm dictionary (its `entries()`, read once) or of a plain object; none for null. */
function entriesOf(dictionary: unknown): StampEntries {
  if (typeof dictionary !== "object" || dictionary === null) return [];
  const entries = (dictionary as { entries?: unknown }).entries;
  return typeof entries === "function"
    ? (entries as () => StampEntries).call(dictionary)
    : Object.entries(dictionary as Record<string, unknown>);
}

/** `value` as a stamp (an `int` may read as a bigint), or null when it is not one. */
export function stampValue(value: unknown): Timestamp | null {
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : null;
}

/**
 * The stamps a dictionary holds (a Realm `int{}` or a plain object) as a plain record by key,
 * skipping values that are not stamps; empty for null or undefined. A hot path of recovery: a Realm
 * dictionary's `entries()` is read once and walked directly, with no intermediate arrays.
 *
 * @example
 * stampsOfDictionary(dog.fieldStamps); // { name: 1767225600000000, age: 1767225600001000 }
 */
export function stampsOfDictionary(dictionary: unknown): Record<string, Timestamp> {
  const out: Record<string, Timestamp> = {};
  for (const [key, value] of entriesOf(dictionary)) {
    const stamp = stampValue(value);
    if (stamp !== null) out[key] = stamp;
  }
  return out;
}

/**
 * The newest stamp a dictionary holds (a Realm `int{}` or a plain object), or null when it holds
 * none: `newestStamp(stampsOfDictionary(dictionary))` without building the record (a tracked write
 * reads it before every stamp).
 *
 * @example
 * newestStampOfDictionary(dog.fieldStamps); // 1767225600001000
 */
export function newestStampOfDictionary(dictionary: unknown): Timestamp | null {
  let newest: Timestamp | null = null;
  for (const [, value] of entriesOf(dictionary)) {
    const stamp = stampValue(value);
    if (stamp !== null && (newest === null || stamp > newest)) newest = stamp;
  }
  return newest;
}
