import { type Clock, HybridLogicalClock, type Timestamp } from "@realm-recovery/core";

/**
 * The engine's hybrid logical clock, remembering the last stamp it handed out, so a test can read
 * the stamp of the tracked write it just made without looking at the strategy's stamp properties.
 *
 * @example
 * const clock = new RecordingClock(client.now);
 * recovery.write(realm, (tx) => tx.delete("Dog", "1"));
 * clock.lastIssued; // the delete's stamp
 */
export class RecordingClock implements Clock {
  private readonly inner: HybridLogicalClock;
  /** The last stamp `now()` returned, or null before the first. */
  lastIssued: Timestamp | null = null;

  constructor(wallClock: () => number) {
    this.inner = new HybridLogicalClock(wallClock);
  }

  now(): Timestamp {
    this.lastIssued = this.inner.now();
    return this.lastIssued;
  }

  observe(stamp: Timestamp): void {
    this.inner.observe(stamp);
  }

  peek(): Timestamp | null {
    return this.inner.peek();
  }
}
