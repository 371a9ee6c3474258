import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The built program, run as a user runs it (`npm start`): Nx builds it and its dependencies first.
const program = fileURLToPath(new URL("../dist/esm/main.js", import.meta.url));

describe("the node-app program", () => {
  it("is built", () => {
    expect(existsSync(program), `${program} missing: run \`npx nx run-many -t build\` first`).toBe(true);
  });

  it("prints what was recovered and exits 0 because the offline writes survived", () => {
    const run = spawnSync(process.execPath, [program], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("recovered by the field strategy");
    expect(run.stdout).toContain("Task 1 done: update (local-newer)");
    expect(run.stdout).toContain("1  [x] Buy oat milk");
    expect(run.stdout).toContain("3  [ ] Book flights");
    expect(run.stdout).not.toContain("FAIL");
    expect(run.stdout.trimEnd().endsWith("the offline writes survived the client reset")).toBe(true);
  });
});
