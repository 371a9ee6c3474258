// `changeset version` with the repository's .changeset/config.json, run on throwaway copies: each
// package is versioned on its own, dependents' ranges follow, private packages get no versions.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BumpType, type VersionChange, changesetDryRun } from "./changeset-dry-run.mjs";
import { ROOT_DIR, listPublicPackages, listWorkspacePackages } from "./workspace-packages.mjs";

const CORE = "@realm-recovery/core";
const CLI = "@realm-recovery/cli";
const OBJECT = "@realm-recovery/strategy-object";

const dryRun = (releases: Record<string, BumpType>) =>
  changesetDryRun({ samples: [{ releases, summary: "Sample." }], ignorePending: true }).packages;
const byName = (packages: VersionChange[], name: string) => packages.find((p) => p.name === name)!;
const bumped = (packages: VersionChange[]) => packages.filter((p) => p.from !== p.to).map((p) => p.name);
/** `version` raised by `type`, as semver (and Changesets) do for a release version. */
const inc = (version: string, type: BumpType) => {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
};
const version = (name: string) =>
  listWorkspacePackages().find((p) => p.name === name)!.manifest.version as string;

describe("changeset version on a throwaway copy", { timeout: 60_000 }, () => {
  it("bumps only core for a compatible core patch: no other published version or range moves", () => {
    const packages = dryRun({ [CORE]: "patch" });
    expect(bumped(packages)).toEqual([CORE]);
    expect(byName(packages, CORE)).toMatchObject({ from: version(CORE), to: inc(version(CORE), "patch") });
    // Private packages (never published) may have their ranges follow; published ones keep theirs.
    expect(packages.filter((p) => !p.isPrivate && p.ranges.length > 0)).toEqual([]);
    expect(byName(packages, CORE).changelog).toContain("Sample.");
  });

  it("patches a plugin's dependents with the new range, and leaves private packages unversioned", () => {
    const packages = dryRun({ [OBJECT]: "minor" });
    const next = inc(version(OBJECT), "minor");
    expect(byName(packages, OBJECT)).toMatchObject({ from: version(OBJECT), to: next });
    expect(byName(packages, CLI)).toMatchObject({
      from: version(CLI),
      to: inc(version(CLI), "patch"),
      ranges: [{ field: "dependencies", dependency: OBJECT, from: `^${version(OBJECT)}`, to: `^${next}` }],
    });
    expect(bumped(packages).sort()).toEqual([CLI, OBJECT].sort());
    const privates = packages.filter((p) => p.isPrivate);
    expect(privates.length).toBeGreaterThan(0);
    for (const pkg of privates) {
      expect(pkg.to, pkg.name).toBe(pkg.from);
      expect(pkg.changelog, pkg.name).toBeUndefined();
    }
    // e2e depends on the plugin: its range follows so the workspace still links it.
    expect(byName(packages, "@realm-recovery/e2e").ranges).toContainEqual({
      field: "devDependencies",
      dependency: OBJECT,
      from: `^${version(OBJECT)}`,
      to: `^${next}`,
    });
  });

  it("moves every plugin's peer range on a breaking core release, which Changesets releases as a plugin major", () => {
    // A major, or while core is 0.x a minor: either leaves the plugins' "^current" peer range.
    const type: BumpType = version(CORE).startsWith("0.") ? "minor" : "major";
    const next = inc(version(CORE), type);
    const packages = dryRun({ [CORE]: type });
    expect(byName(packages, CORE)).toMatchObject({ from: version(CORE), to: next });
    const peers = listPublicPackages().filter((p) => p.manifest.peerDependencies?.[CORE]);
    expect(peers.length).toBeGreaterThan(0);
    for (const { name } of peers) {
      const pkg = byName(packages, name);
      expect(pkg.ranges, name).toContainEqual({
        field: "peerDependencies",
        dependency: CORE,
        from: `^${version(CORE)}`,
        to: `^${next}`,
      });
      // Changesets bumps a dependent whose peer range no longer holds by a major (0.1.0 → 1.0.0).
      expect(pkg.to, name).toBe(inc(pkg.from, "major"));
    }
  });

  it("never touches the repository", () => {
    const manifests = () =>
      listWorkspacePackages().map((p) => readFileSync(join(p.dir, "package.json"), "utf8"));
    const before = { manifests: manifests(), changesets: readdirSync(join(ROOT_DIR, ".changeset")) };
    dryRun({ [CORE]: "major" });
    expect({ manifests: manifests(), changesets: readdirSync(join(ROOT_DIR, ".changeset")) }).toEqual(before);
  });

  it("previews the repository's pending changesets instead of the samples when there are some", () => {
    const root = mkdtempSync(join(tmpdir(), "realm-recovery-fake-repo-"));
    try {
      const write = (file: string, json: unknown) => {
        mkdirSync(join(root, file, ".."), { recursive: true });
        writeFileSync(join(root, file), JSON.stringify(json, null, 2));
      };
      write("package.json", { name: "fake-root", private: true, workspaces: ["packages/*"] });
      write("packages/a/package.json", { name: "fake-a", version: "1.0.0" });
      write("packages/b/package.json", {
        name: "fake-b",
        version: "2.0.0",
        dependencies: { "fake-a": "^1.0.0" },
      });
      cpSync(join(ROOT_DIR, ".changeset/config.json"), join(root, ".changeset/config.json"));
      writeFileSync(join(root, ".changeset/pending-one.md"), '---\n"fake-a": major\n---\n\nBreaking.\n');
      symlinkSync(join(ROOT_DIR, "node_modules"), join(root, "node_modules"), "dir");

      const result = changesetDryRun({
        rootDir: root,
        samples: [{ releases: { "fake-b": "patch" }, summary: "Sample." }],
      });
      expect(result).toMatchObject({ usedSamples: false, changesetFiles: ["pending-one.md"] });
      expect(result.packages.map(({ name, from, to }) => ({ name, from, to }))).toEqual([
        { name: "fake-a", from: "1.0.0", to: "2.0.0" },
        { name: "fake-b", from: "2.0.0", to: "2.0.1" },
      ]);
      expect(result.packages[1]!.ranges).toEqual([
        { field: "dependencies", dependency: "fake-a", from: "^1.0.0", to: "^2.0.0" },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
