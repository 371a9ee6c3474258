// Every published package carries the metadata npm and its users need. Only packages/* without
// "private": true are published; every other workspace package must stay private.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type WorkspacePackage, listPublicPackages, listWorkspacePackages } from "./workspace-packages.mjs";

const REPOSITORY_URL = "git+https://github.com/realm-recovery/realm-recovery.git";
const publicPackages = listPublicPackages();
const CORE = "@realm-recovery/core";

/** Files under `dir` (recursively) whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

/**
 * Whether the package's published types mention the `realm` module: its built .d.ts files, or
 * (before a build) the non-test sources they are built from.
 */
function referencesRealm(pkg: WorkspacePackage): boolean {
  const realmImport = /(?:from\s+|import\s*\(\s*|types=)["']realm["']/;
  const sources = [
    ...filesUnder(join(pkg.dir, "dist"), (name) => name.endsWith(".d.ts")),
    ...filesUnder(join(pkg.dir, "src"), (name) => name.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(name)),
  ];
  return sources.some((file) => realmImport.test(readFileSync(file, "utf8")));
}

/** Whether `version` satisfies the caret range `range` (`^x.y.z`, with 0.x meaning minor-locked). */
function satisfiesCaret(version: string, range: string): boolean {
  const match = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!match) return false;
  const [want, have] = [match.slice(1).map(Number), version.split(".").map(Number)];
  const fixed = want[0] === 0 ? 2 : 1;
  for (let i = 0; i < fixed; i++) if (have[i] !== want[i]) return false;
  for (let i = fixed; i < 3; i++) if (have[i]! !== want[i]!) return have[i]! > want[i]!;
  return true;
}

describe("published package metadata", () => {
  it("publishes the packages/* packages, and every other workspace package is private", () => {
    expect(publicPackages.map((p) => p.name)).toContain(CORE);
    const outside = listWorkspacePackages().filter((p) => !p.relativeDir.startsWith("packages/"));
    for (const pkg of outside) expect(pkg.manifest.private, `${pkg.relativeDir} must be private`).toBe(true);
  });

  describe.each(publicPackages.map((pkg) => [pkg.name, pkg] as const))("%s", (_name, pkg) => {
    const m = pkg.manifest;

    it("describes itself: description, keywords, license with a LICENSE file, repository, homepage, bugs", () => {
      expect(typeof m.description === "string" && m.description.length > 20).toBe(true);
      expect(m.keywords).toEqual(expect.arrayContaining(["realm"]));
      expect(m.license).toBe("MIT");
      expect(readFileSync(join(pkg.dir, "LICENSE"), "utf8")).toContain("MIT License");
      expect(m.repository).toEqual({ type: "git", url: REPOSITORY_URL, directory: pkg.relativeDir });
      expect(m.homepage).toMatch(new RegExp(`/tree/main/${pkg.relativeDir}#readme$`));
      expect(m.bugs?.url).toMatch(/\/issues$/);
      expect(m.engines?.node).toMatch(/^>=\d+/);
    });

    it("publishes publicly, only its build and sources, and declares its side effects", () => {
      expect(m.publishConfig).toEqual({ access: "public" });
      expect(m.private).toBeUndefined();
      expect(m.type).toBe("module");
      expect(m.files).toEqual(expect.arrayContaining(["dist", "!src/**/*.test.ts"]));
      expect(m.sideEffects === false || Array.isArray(m.sideEffects)).toBe(true);
      for (const file of Array.isArray(m.sideEffects) ? m.sideEffects : [])
        expect(file, "side-effect files are built files").toMatch(/^\.\/dist\//);
    });

    it("exports ESM and CJS with types first for every entry point, and legacy fields to the build", () => {
      expect(m.exports["./package.json"]).toBe("./package.json");
      const entries = Object.entries(m.exports as Record<string, unknown>).filter(
        ([key]) => key !== "./package.json",
      );
      expect(entries.map(([key]) => key)).toContain(".");
      for (const [key, value] of entries) {
        const entry = value as Record<string, { types: string; default: string } | string>;
        for (const condition of ["import", "require"] as const) {
          const target = entry[condition] as { types: string; default: string };
          const format = condition === "import" ? "esm" : "cjs";
          expect(Object.keys(target), `${key} ${condition}`).toEqual(["types", "default"]);
          expect(target.types).toMatch(new RegExp(`^\\./dist/${format}/.*\\.d\\.ts$`));
          expect(target.default).toMatch(new RegExp(`^\\./dist/${format}/.*\\.js$`));
        }
        // The source condition (tests in this repo) must come first; nothing else points at src/.
        const keys = Object.keys(entry);
        expect(keys[0]).toBe("@realm-recovery/source");
        for (const [condition, target] of Object.entries(entry))
          if (condition !== "@realm-recovery/source") expect(JSON.stringify(target)).not.toContain("./src/");
      }
      expect(m.main).toBe("./dist/cjs/index.js");
      expect(m.module).toBe("./dist/esm/index.js");
      expect(m.types).toBe("./dist/cjs/index.d.ts");
    });

    it("peer-depends on realm ^12 (optional) exactly when it touches Realm types, or declares it in range", () => {
      const peer = m.peerDependencies?.realm as string | undefined;
      if (referencesRealm(pkg)) expect(peer, "its .d.ts files import realm").toBeDefined();
      if (peer !== undefined) {
        expect(peer).toMatch(/^\^12(\.\d+){0,2}$/);
        expect(m.peerDependenciesMeta?.realm).toEqual({ optional: true });
        expect(m.dependencies?.realm).toBeUndefined();
      }
    });

    it("keeps internal ranges in step with the workspace, and plugins peer on core only", () => {
      const versions = new Map(listWorkspacePackages().map((p) => [p.name, p.manifest.version as string]));
      for (const field of ["dependencies", "peerDependencies", "devDependencies"]) {
        for (const [dep, range] of Object.entries((m[field] ?? {}) as Record<string, string>)) {
          const version = versions.get(dep);
          if (version)
            expect(satisfiesCaret(version, range), `${field}.${dep} ${range} vs ${version}`).toBe(true);
        }
      }
      if (/\/(strategy|tracker)-/.test(pkg.name)) {
        expect(m.peerDependencies?.[CORE]).toBeDefined();
        expect(m.dependencies?.[CORE]).toBeUndefined();
        const internal = Object.keys({ ...m.dependencies, ...m.peerDependencies }).filter((d) =>
          versions.has(d),
        );
        expect(internal).toEqual([CORE]);
      }
    });
  });

  it("finds the sources it scans for realm imports", () => {
    const core = publicPackages.find((p) => p.name === CORE)!;
    const sources = filesUnder(join(core.dir, "src"), (name) => name.endsWith(".ts"));
    expect(sources.map((file) => relative(core.dir, file))).toContain("src/index.ts");
  });
});
