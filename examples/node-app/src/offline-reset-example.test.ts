import { describe, expect, it } from "vitest";
import { formatResult } from "./format-result.js";
import { runOfflineResetExample } from "./offline-reset-example.js";

describe("the node-app example", () => {
  it("recovers the phone's offline writes and keeps the laptop's rename", async () => {
    const result = await runOfflineResetExample();
    expect(result.server).toEqual([
      { _id: "1", title: "Buy oat milk", done: true },
      { _id: "3", title: "Book flights", done: false },
    ]);
    expect(result.phone).toEqual(result.server);
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it("runs the whole manual client-reset flow on the phone", async () => {
    const { steps, report } = await runOfflineResetExample();
    expect(steps).toEqual([
      "reset-detected",
      "realm-closed",
      "backup-created",
      "fresh-opened",
      "download-complete",
      "backup-opened",
      "recovered",
      "upload-complete",
      "backup-deleted",
    ]);
    expect(report).toMatchObject({ strategy: "field", deleted: 1 });
    expect(report?.records?.map((r) => [r.primaryKey, r.property ?? "*", r.action, r.rule])).toEqual(
      expect.arrayContaining([
        ["1", "done", "update", "local-newer"],
        ["3", "*", "create", "local-create"],
        ["2", "*", "delete", "local-delete"],
      ]),
    );
  });

  it("prints FAIL and no success line when a check fails", () => {
    const text = formatResult({
      steps: ["reset-detected", "failed"],
      report: null,
      server: [],
      phone: [],
      checks: [{ description: "phone's offline task 3 survived", ok: false }],
    });
    expect(text).toContain("FAIL phone's offline task 3 survived");
    expect(text).toContain("the offline writes were LOST");
  });
});
