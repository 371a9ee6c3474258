import type { Timestamp } from "./timestamp.js";

/**
 * A per-device hybrid logical clock. `now()` is strictly increasing even when the wall clock steps
 * back, and `observe()` moves it past any stamp seen in downloaded data, so a write made after
 * seeing a remote change is always stamped newer than that change.
 *
 * @example
 * const clock = new HybridLogicalClock(() => Date.now());
 * const a = clock.now();
 * clock.observe(remoteStamp);
 * const b = clock.now(); // b > a and b > remoteStamp
 */
export interface Clock {
  /** A new stamp, greater than every stamp returned or observed before. */
  now(): Timestamp;
  /** Moves the clock past `stamp` (a stamp read from another device's data). */
  observe(stamp: Timestamp): void;
  /** The greatest stamp returned or observed so far, without advancing (null before the first). */
  peek(): Timestamp | null;
}
