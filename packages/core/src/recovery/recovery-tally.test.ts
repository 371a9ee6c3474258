import { describe, expect, it } from "vitest";
import type { RecoveryRecord } from "../contracts/recovery-record.js";
import { RecoveryTally } from "./recovery-tally.js";

const record = (primaryKey: number, action: RecoveryRecord["action"]): RecoveryRecord => ({
  objectType: "Dog",
  primaryKey,
  action,
  rule: action === "skip" ? "remote-newer" : "local-newer",
});

describe("RecoveryTally", () => {
  it("keeps the first records up to its limit and counts every record exactly", () => {
    const tally = new RecoveryTally("object", 2);
    expect(tally.keepsNextRecord()).toBe(true);
    tally.record(record(1, "update"));
    tally.record(record(2, "skip"));
    expect(tally.keepsNextRecord()).toBe(false);
    tally.record(record(3, "update"));
    tally.record(record(4, "delete"));
    const report = tally.report();
    expect(report.records?.map((r) => r.primaryKey)).toEqual([1, 2]);
    expect(report.recordCount).toBe(4);
    expect(report.counts).toEqual({ create: 0, update: 2, delete: 1, skip: 1 });
  });

  it("with a limit of 0 keeps no record values at all but still counts", () => {
    const tally = new RecoveryTally("field", 0);
    expect(tally.keepsNextRecord()).toBe(false);
    tally.record(record(1, "create"));
    expect(tally.report()).toMatchObject({ records: [], recordCount: 1, counts: { create: 1 } });
  });
});
