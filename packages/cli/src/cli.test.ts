import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// These tests run the built binary, as a user does (the test target depends on the build).
const bin = join(dirname(fileURLToPath(import.meta.url)), "../dist/esm/cli.js");
const dir = mkdtempSync(join(tmpdir(), "cli-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function scenarioFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const designScenario = {
  schema: [{ name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int?" } }],
  strategy: "field",
  tracker: "listener",
  clients: ["a", "b"],
  steps: [
    { client: "a", op: "create", type: "Dog", value: { _id: "1", name: "Rex", age: 1 } },
    { client: "a", op: "sync" },
    { client: "b", op: "sync" },
    { client: "a", op: "offline" },
    { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
    { client: "b", op: "update", type: "Dog", id: "1", set: { name: "Max" } },
    { client: "b", op: "sync" },
    { client: "a", op: "clientReset" },
    { client: "a", op: "online" },
    { op: "syncAll" },
  ],
};

describe("realm-recovery simulate", { timeout: 30_000 }, () => {
  it.each([
    ["field", { name: "Max", age: 2 }],
    ["object", { name: "Max", age: 1 }],
    ["overwrite", { name: "Rex", age: 2 }],
  ])(
    "ends DESIGN's Dog scenario on the server as §6 says with the %s strategy",
    async (strategy, expected) => {
      const { code, stdout } = await run(
        "simulate",
        scenarioFile("design.json", designScenario),
        "--strategy",
        strategy,
        "--json",
      );
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(result.server.Dog).toHaveLength(1);
      expect(result.server.Dog[0]).toMatchObject({ _id: "1", ...expected });
      expect(result.clients.a.Dog[0]).toMatchObject(expected);
      expect(result.reports[0]).toMatchObject({ client: "a", strategy });
      expect(result.events.at(-1)).toMatchObject({ client: "a", type: "backup-deleted" });
    },
  );

  it("prints a readable report without --json", async () => {
    const { code, stdout } = await run(
      "simulate",
      scenarioFile("design.json", designScenario),
      "--tracker",
      "progress",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("strategy field, tracker progress");
    expect(stdout).toMatch(/Server\n {2}Dog\n/);
    expect(stdout).toContain("a: backup-deleted");
  });

  it("prints each recovery's records: local, remote and resolved values and the deciding rule", async () => {
    const { code, stdout } = await run("simulate", scenarioFile("design.json", designScenario));
    expect(code).toBe(0);
    expect(stdout).toContain("Records of a's recovery: 1");
    expect(stdout).toMatch(/update\s+Dog 1\s+age\s+2\s+1\s+2\s+local-newer/);
    const json = JSON.parse(
      (await run("simulate", scenarioFile("design.json", designScenario), "--json")).stdout,
    );
    expect(json.reports[0].records).toEqual([
      expect.objectContaining({
        objectType: "Dog",
        primaryKey: "1",
        property: "age",
        local: 2,
        remote: 1,
        resolved: 2,
      }),
    ]);
    expect(json.reports[0]).toMatchObject({
      recordCount: 1,
      counts: { create: 0, update: 1, delete: 0, skip: 0 },
    });
  });

  it("--policy picks the conflict policy: client-wins lets a's older age win over b's newer one", async () => {
    const sameField = {
      ...designScenario,
      steps: designScenario.steps.map((step, i) =>
        i === 5 ? { client: "b", op: "update", type: "Dog", id: "1", set: { age: 3 } } : step,
      ),
    };
    const file = scenarioFile("same-field.json", sameField);
    const newer = JSON.parse((await run("simulate", file, "--json")).stdout);
    expect(newer.server.Dog[0]).toMatchObject({ age: 3 });
    const clientWins = JSON.parse((await run("simulate", file, "--policy", "client-wins", "--json")).stdout);
    expect(clientWins.server.Dog[0]).toMatchObject({ age: 2 });
    expect(clientWins.reports[0].records[0]).toMatchObject({ property: "age", rule: "client-wins" });
    const changelogNewer = JSON.parse(
      (await run("simulate", file, "--strategy", "changelog", "--policy", "newer-wins", "--json")).stdout,
    );
    expect(changelogNewer.server.Dog[0]).toMatchObject({ age: 3 });
    const refused = await run("simulate", file, "--strategy", "overwrite", "--policy", "newer-wins");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot use conflict policy "newer-wins": it has no conflict policy');
    expect((await run("simulate", file, "--policy", "oldest-wins")).stderr).toContain(
      "Unknown conflict policy",
    );
  });

  it("--dry-run prints the plan and writes nothing recovered", async () => {
    const file = scenarioFile("design.json", designScenario);
    const { code, stdout } = await run("simulate", file, "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toContain("Plan for a (field): 0 create, 1 update, 0 delete, 0 skip");
    expect(stdout).toMatch(/update\s+Dog 1\s+age\s+2\s+1\s+2\s+local-newer/);
    const json = JSON.parse((await run("simulate", file, "--dry-run", "--json")).stdout);
    expect(json.plans).toEqual([
      expect.objectContaining({
        client: "a",
        strategy: "field",
        counts: { create: 0, update: 1, delete: 0, skip: 0 },
        records: [expect.objectContaining({ property: "age", action: "update", resolved: 2 })],
      }),
    ]);
    expect(json.server).toBeUndefined();
  });

  it("names the step index and field of a malformed scenario and exits non-zero", async () => {
    const broken = { ...designScenario, steps: [...designScenario.steps] };
    broken.steps[4] = { client: "a", op: "update", type: "Dog", set: { age: 2 } } as never;
    const { code, stderr } = await run("simulate", scenarioFile("broken.json", broken));
    expect(code).toBe(2);
    expect(stderr).toContain("steps[4].id");
  });

  it("reports invalid JSON, unknown plugins and missing files with a non-zero exit", async () => {
    expect((await run("simulate", scenarioFile("bad.json", "{ nope"))).stderr).toContain("is not valid JSON");
    const unknown = await run("simulate", scenarioFile("design.json", designScenario), "--strategy", "magic");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown strategy "magic" (known: object, field, overwrite, changelog)');
    expect((await run("simulate", join(dir, "missing.json"))).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
  });
});

describe("realm-recovery demo", () => {
  it("prints the comparison of all four strategies and both trackers", async () => {
    const { code, stdout } = await run("demo");
    expect(code).toBe(0);
    for (const name of [
      "object",
      "field",
      "overwrite",
      "changelog",
      "listener",
      "progress",
      "seed-dog",
      "never-synced",
    ]) {
      expect(stdout).toContain(name);
    }
    expect(stdout).toMatch(/field\s+listener\s+9\/9\s+2\s+0/);
    expect(stdout).toMatch(/same-field\s+0\/0 rec · 0 clob · 0 lost\s+0\/0 rec · 1 clob · 0 lost/);
    // The policy table: on remote-delete, newer-wins re-creates the dog, client-wins keeps it deleted.
    expect(stdout).toContain("Conflict policies (listener tracker)");
    expect(stdout).toMatch(/remote-delete\s+0\/0 rec · 1 clob · 0 lost\s+0\/0 rec · 0 clob · 0 lost/);
  }, 60_000);
});
