import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CommandResult, TempWorkspace, repoRoot } from "../temp-workspace.js";

// Runs both generators for real (`nx g`, as a user would) in a temporary workspace, then checks
// that each generated package type-checks, builds, passes its own tests and lints as generated.
// Building resolves @realm-recovery/core through its dist (as a published package would), so core
// must be built first: `npm test` does (the test target depends on ^build).

const GENERATED = [
  { kind: "strategy", folder: "strategy-demo-rule", files: ["demo-rule-strategy.ts", "index.ts"] },
  { kind: "tracker", folder: "tracker-demo-trigger", files: ["demo-trigger-tracker.ts", "index.ts"] },
] as const;

let ws: TempWorkspace;
const generated: Record<string, CommandResult> = {};

function expectSuccess(result: CommandResult): void {
  expect(result.status, result.output).toBe(0);
}

beforeAll(() => {
  if (!existsSync(join(repoRoot, "packages/core/dist/esm/index.d.ts"))) {
    throw new Error(
      "build @realm-recovery/core first (npx nx run-many -t build): generated packages build against it",
    );
  }
  ws = TempWorkspace.create();
  for (const { kind, folder } of GENERATED) {
    const name = folder.slice(kind.length + 1);
    generated[folder] = ws.run(process.execPath, [
      ws.bin("nx/dist/bin/nx.js"),
      "g",
      `@realm-recovery/tools:${kind}`,
      name,
      "--no-interactive",
    ]);
  }
}, 300_000);

afterAll(() => ws?.dispose());

describe.each(GENERATED)("nx g @realm-recovery/tools:$kind", ({ folder, files }) => {
  const dir = () => `packages/${folder}`;

  it("creates the package with its sources, tests, tsconfigs and README", () => {
    expectSuccess(generated[folder]!);
    expect(generated[folder]!.output).toContain(`Created @realm-recovery/${folder}`);
    for (const file of [
      "package.json",
      "README.md",
      "tsconfig.json",
      "tsconfig.build.json",
      "tsconfig.build.cjs.json",
      ...files.map((f) => `src/${f}`),
    ]) {
      expect(existsSync(join(ws.root, dir(), file)), file).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(ws.root, dir(), "package.json"), "utf8"));
    expect(manifest.name).toBe(`@realm-recovery/${folder}`);
    expect(manifest.peerDependencies).toHaveProperty("@realm-recovery/core");
  });

  it("type-checks (sources and tests)", () => {
    expectSuccess(ws.run("npm", ["run", "typecheck"], dir()));
  }, 300_000);

  it("builds to dist/esm and dist/cjs", () => {
    expectSuccess(ws.run("npm", ["run", "build"], dir()));
    for (const file of [
      "dist/esm/index.js",
      "dist/esm/index.d.ts",
      "dist/cjs/index.js",
      "dist/cjs/package.json",
    ]) {
      expect(existsSync(join(ws.root, dir(), file)), file).toBe(true);
    }
  }, 300_000);

  it("passes its own tests, the plugin contract included", () => {
    const result = ws.run("npm", ["test"], dir());
    expectSuccess(result);
    const report = JSON.parse(readFileSync(join(ws.root, ".reports/vitest-all.json"), "utf8"));
    expect(report.numFailedTests, result.output).toBe(0);
    expect(report.numPassedTests, result.output).toBeGreaterThanOrEqual(5);
    const suites = report.testResults.flatMap((file: { assertionResults: { ancestorTitles: string[] }[] }) =>
      file.assertionResults.flatMap((test) => test.ancestorTitles),
    );
    expect(
      suites.some((title: string) => /keeps the (ClientResetStrategy|SyncTracker) contract/.test(title)),
    ).toBe(true);
  }, 300_000);
});

describe("the generated packages", () => {
  it("pass ESLint and Prettier as generated", () => {
    const folders = GENERATED.map(({ folder }) => `packages/${folder}`);
    expectSuccess(ws.run(process.execPath, [ws.bin("eslint/bin/eslint.js"), ...folders]));
    expectSuccess(ws.run(process.execPath, [ws.bin("prettier/bin/prettier.cjs"), "--check", ...folders]));
  }, 300_000);

  it("refuse to overwrite an existing package", () => {
    const again = ws.run(process.execPath, [
      ws.bin("nx/dist/bin/nx.js"),
      "g",
      "@realm-recovery/tools:strategy",
      "demo-rule",
      "--no-interactive",
    ]);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain("packages/strategy-demo-rule already exists");
  }, 300_000);
});
