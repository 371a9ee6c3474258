import { describe, expect, it } from "vitest";
import { HybridLogicalClock } from "./hybrid-logical-clock.js";
import { LOGICAL_TICKS_PER_MS, timestampFrom, timestampLogical, timestampWallMs } from "./timestamp.js";

describe("HybridLogicalClock", () => {
  it("follows the wall clock while it moves forward", () => {
    let wall = 1_000;
    const clock = new HybridLogicalClock(() => wall);
    expect(clock.now()).toBe(timestampFrom(1_000));
    wall = 1_005;
    expect(clock.now()).toBe(timestampFrom(1_005));
  });

  it("stays strictly increasing when the wall clock does not move", () => {
    const clock = new HybridLogicalClock(() => 42);
    const stamps = Array.from({ length: 5 }, () => clock.now());
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(5);
    expect(timestampWallMs(stamps[4]!)).toBe(42);
    expect(timestampLogical(stamps[4]!)).toBe(4);
  });

  it("stays strictly increasing when the wall clock steps back", () => {
    let wall = 10_000;
    const clock = new HybridLogicalClock(() => wall);
    const before = clock.now();
    wall = 2_000;
    const after = clock.now();
    expect(after).toBeGreaterThan(before);
  });

  it("stamps a write made after observing a remote stamp newer than that stamp, even with a slow wall clock", () => {
    const clock = new HybridLogicalClock(() => 500);
    const remote = timestampFrom(9_000, 7);
    clock.observe(remote);
    expect(clock.now()).toBeGreaterThan(remote);
  });

  it("ignores an observed stamp older than what it has already issued", () => {
    const clock = new HybridLogicalClock(() => 5_000);
    const issued = clock.now();
    clock.observe(timestampFrom(10));
    expect(clock.peek()).toBe(issued);
    expect(clock.now()).toBeGreaterThan(issued);
  });

  it("rolls into the next millisecond when one millisecond's logical counter is used up", () => {
    const clock = new HybridLogicalClock(() => 1);
    let last = 0;
    for (let i = 0; i < LOGICAL_TICKS_PER_MS + 5; i++) {
      const next = clock.now();
      expect(next).toBeGreaterThan(last);
      last = next;
    }
    expect(timestampWallMs(last)).toBe(2);
  });

  it("starts after a stamp restored from the journal", () => {
    const restored = timestampFrom(50_000, 3);
    const clock = new HybridLogicalClock(() => 1_000, restored);
    expect(clock.now()).toBe(restored + 1);
  });

  it("reports null from peek before any stamp", () => {
    expect(new HybridLogicalClock(() => 1).peek()).toBeNull();
  });
});
