import type { Clock } from "./clock.js";
import { type Timestamp, timestampFrom } from "./timestamp.js";

/** Reads the device's wall clock in milliseconds (injectable so tests and the simulator control time). */
export type WallClock = () => number;

/**
 * The default {@link Clock}: a hybrid logical clock over a wall clock.
 *
 * @example
 * const clock = new HybridLogicalClock(); // uses Date.now
 * const stamp = clock.now();
 */
export class HybridLogicalClock implements Clock {
  private last: Timestamp | null;

  /**
   * @param wallClock - reads the wall clock; @default Date.now
   * @param initial - the greatest stamp known before this clock was created (e.g. from the journal)
   */
  constructor(
    private readonly wallClock: WallClock = Date.now,
    initial: Timestamp | null = null,
  ) {
    this.last = initial;
  }

  now(): Timestamp {
    const wall = timestampFrom(this.wallClock());
    // Wall clock ahead of everything seen: use it. Otherwise tick the logical part of the last
    // stamp; when the counter of one millisecond is used up the stamp simply rolls into the next
    // millisecond, which keeps the order strict at the cost of running slightly ahead.
    const next = this.last === null || wall > this.last ? wall : this.last + 1;
    this.last = next;
    return next;
  }

  observe(stamp: Timestamp): void {
    if (this.last === null || stamp > this.last) this.last = stamp;
  }

  peek(): Timestamp | null {
    return this.last;
  }
}
