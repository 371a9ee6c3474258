import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ScenarioResult, parseScenario, runScenario } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, describe, expect, it } from "vitest";
import { serverWinsUnlessNewer } from "./server-wins-unless-newer-strategy.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs scenarios/late-local-edit.json with the example strategy (margin `marginMs`) on every client. */
async function runLateLocalEdit(marginMs: number): Promise<ScenarioResult> {
  const json = readFileSync(new URL("../scenarios/late-local-edit.json", import.meta.url), "utf8");
  const scenario = parseScenario(JSON.parse(json));
  const baseDir = mkdtempSync(join(tmpdir(), "late-local-edit-"));
  dirs.push(baseDir);
  return runScenario(
    scenario,
    { strategy: () => serverWinsUnlessNewer({ marginMs }), tracker: () => listenerTracker() },
    { baseDir },
  );
}

describe("the late-local-edit scenario (a's edit is about 3 s newer than b's rename)", () => {
  it("keeps b's rename on the server and both devices with a 5 s margin", async () => {
    const { server, clients, reports } = await runLateLocalEdit(5_000);
    expect(server.Dog).toMatchObject([{ _id: "1", name: "Max", age: 1 }]);
    expect(clients.a!.Dog).toMatchObject([{ _id: "1", name: "Max", age: 1 }]);
    expect(reports).toMatchObject([{ client: "a", strategy: "server-wins-unless-newer", upserted: 0 }]);
  });

  it("recovers a's whole object (age 2, the name it had) with a 1 s margin", async () => {
    const { server, clients } = await runLateLocalEdit(1_000);
    expect(server.Dog).toMatchObject([{ _id: "1", name: "Rex", age: 2 }]);
    expect(clients.b!.Dog).toMatchObject([{ _id: "1", name: "Rex", age: 2 }]);
  });
});
