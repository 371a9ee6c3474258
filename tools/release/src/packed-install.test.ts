// The packages as npm would publish them: packed, installed into a clean project outside the
// workspace, imported from Node ESM and CommonJS, used end to end, and type-checked by a consumer.
// Needs every package built first (the Nx `test` target of this project depends on their `build`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumerProject, runNode, typecheckConsumer } from "./consumer-project.mjs";
import { publintTarball } from "./lint-tarball.mjs";
import { type PackedPackage, packPackages } from "./pack-packages.mjs";
import { ROOT_DIR, listPublicPackages } from "./workspace-packages.mjs";

interface ResolvedLine {
  format: "esm" | "cjs";
  resolved: string;
  contracts: string;
  cliStrategies: string[];
  cliTrackers: string[];
  helpCode: number;
  helpMentionsSimulate: boolean;
  errorCode: string;
}
interface RunLine {
  strategy: string;
  tracker: string;
  last: string;
  age: number | null;
}

const parseLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);

const publicPackages = listPublicPackages();
let workDir: string;
let projectDir: string;
let packed: PackedPackage[];

beforeAll(() => {
  workDir = realpathSync(mkdtempSync(join(tmpdir(), "realm-recovery-release-")));
  projectDir = join(workDir, "consumer");
  packed = packPackages(publicPackages, join(workDir, "packs"));
  createConsumerProject(packed, projectDir);
}, 180_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 60_000);

describe("the packed public packages in a clean project", () => {
  it("packs every public package with both builds, their types and the LICENSE", () => {
    expect(packed.map((p) => p.pkg.name).sort()).toEqual(publicPackages.map((p) => p.name).sort());
    for (const { pkg, files } of packed) {
      expect(files, pkg.name).toContain("package.json");
      expect(files, pkg.name).toContain("LICENSE");
      expect(files, pkg.name).toContain("dist/esm/index.js");
      expect(files, pkg.name).toContain("dist/esm/index.d.ts");
      expect(files, pkg.name).toContain("dist/cjs/index.js");
      expect(files, pkg.name).toContain("dist/cjs/index.d.ts");
      expect(files, pkg.name).toContain("dist/cjs/package.json");
      expect(
        files.filter((f) => /\.test(-d)?\.ts$/.test(f)),
        `${pkg.name} ships no tests`,
      ).toEqual([]);
    }
  });

  it("passes publint on every tarball (errors, warnings and suggestions)", async () => {
    for (const { pkg, tarball } of packed) expect(await publintTarball(tarball), pkg.name).toEqual([]);
  });

  it.each(["recover.mjs", "recover.cjs"])(
    "%s imports every package from the tarballs and recovers an offline write with each strategy × tracker",
    (script) => {
      const [header, ...runs] = parseLines(runNode(projectDir, script)) as [ResolvedLine, ...RunLine[]];
      const format = script.endsWith(".mjs") ? "esm" : "cjs";
      expect(header.format).toBe(format);
      // Resolved inside the clean project, to the build of the matching module format.
      expect(header.resolved.replace(/^file:\/\//, "")).toBe(
        join(projectDir, `node_modules/@realm-recovery/core/dist/${format}/index.js`),
      );
      expect(header.contracts.replace(/^file:\/\//, "")).toBe(
        join(projectDir, `node_modules/@realm-recovery/testing/dist/${format}/contracts/index.js`),
      );
      expect(header).toMatchObject({
        cliStrategies: ["object", "field", "overwrite", "changelog"],
        cliTrackers: ["listener", "progress"],
        helpCode: 0,
        helpMentionsSimulate: true,
        errorCode: "INVALID_OPTIONS",
      });
      // The offline age 2, dropped by the server on the client reset, is back on the server.
      expect(runs).toHaveLength(8);
      for (const run of runs)
        expect(run, `${run.strategy} × ${run.tracker}`).toMatchObject({ last: "backup-deleted", age: 2 });
    },
    60_000,
  );

  it("runs the realm-recovery binary the CLI tarball installs (bin link, shebang, executable bit)", () => {
    const out = execFileSync(join(projectDir, "node_modules/.bin/realm-recovery"), ["help"], {
      cwd: projectDir,
      encoding: "utf8",
    });
    expect(out).toContain("realm-recovery simulate <scenario.json>");
  });

  it("type-checks a NodeNext consumer (ESM and CJS) against the packed .d.ts files, without skipLibCheck", () => {
    const files = typecheckConsumer(projectDir, "tsconfig.nodenext.json");
    for (const format of ["esm", "cjs"])
      expect(files).toContain(
        join(projectDir, `node_modules/@realm-recovery/core/dist/${format}/index.d.ts`),
      );
    expect(files.some((file) => file.startsWith(join(ROOT_DIR, "packages")))).toBe(false);
  }, 120_000);

  it("type-checks a bundler-resolution consumer", () => {
    const files = typecheckConsumer(projectDir, "tsconfig.bundler.json");
    expect(files).toContain(join(projectDir, "node_modules/@realm-recovery/core/dist/esm/index.d.ts"));
  }, 120_000);
});
