// Runs `changeset version` on a throwaway copy of the workspace's manifests, so the real repository
// is never touched, and reports what it would bump. Changesets has no dry-run mode of its own.
import { execFileSync } from "node:child_process";
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
import { ROOT_DIR, listWorkspacePackages, readJson } from "./workspace-packages.mjs";

/** The dependency fields whose internal ranges `changeset version` may rewrite. */
export const DEPENDENCY_FIELDS = /** @type {const} */ ([
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
]);

/**
 * @typedef {"major" | "minor" | "patch"} BumpType
 *
 * @typedef {object} SampleChangeset
 * @property {Record<string, BumpType>} releases package name → bump, as in a changeset's front matter
 * @property {string} summary the changelog line
 *
 * @typedef {object} RangeChange
 * @property {string} field e.g. `dependencies`
 * @property {string} dependency e.g. `@realm-recovery/core`
 * @property {string} from the range before
 * @property {string} to the range after
 *
 * @typedef {object} VersionChange
 * @property {string} name package name
 * @property {string} relativeDir e.g. `packages/core`
 * @property {boolean} isPrivate whether the package is private (never published)
 * @property {string} from version before
 * @property {string} to version after (equal to `from` when not bumped)
 * @property {RangeChange[]} ranges internal dependency ranges that changed
 * @property {string | undefined} changelog the CHANGELOG.md `changeset version` wrote, if any
 *
 * @typedef {object} ChangesetDryRunResult
 * @property {string[]} changesetFiles the changeset files that were applied (pending ones of the repo, or the samples)
 * @property {boolean} usedSamples whether the samples were applied because the repo had no pending changeset
 * @property {VersionChange[]} packages every workspace package, bumped or not
 */

/**
 * Writes one changeset file (front matter + summary), as `changeset add` does.
 *
 * @param {string} dir the `.changeset` folder
 * @param {string} id file name without `.md`
 * @param {SampleChangeset} changeset
 */
export function writeChangeset(dir, id, changeset) {
  const lines = Object.entries(changeset.releases).map(([name, bump]) => `"${name}": ${bump}`);
  writeFileSync(join(dir, `${id}.md`), `---\n${lines.join("\n")}\n---\n\n${changeset.summary}\n`);
}

/**
 * Pending changesets of a `.changeset` folder (every `.md` but the README).
 *
 * @param {string} changesetDir
 * @returns {string[]}
 */
export function pendingChangesets(changesetDir) {
  return readdirSync(changesetDir)
    .filter((file) => file.endsWith(".md") && file.toLowerCase() !== "readme.md")
    .sort();
}

/**
 * Copies the root manifest, `.changeset/` and every workspace package.json into a temporary
 * folder, applies the repository's pending changesets (or, when there are none and `samples` are
 * given, the samples), runs `changeset version` there and reports every version and internal
 * range it changed. The temporary folder is deleted afterwards; the repository is only read.
 *
 * @example
 * const { packages } = changesetDryRun({
 *   samples: [{ releases: { "@realm-recovery/core": "patch" }, summary: "Fix a typo." }],
 * });
 * packages.filter((p) => p.from !== p.to); // core 0.1.0 → 0.1.1, and its dependents
 * @param {{ rootDir?: string, samples?: SampleChangeset[], ignorePending?: boolean }} [options]
 *   `ignorePending` applies only the samples even when the repository has pending changesets.
 * @returns {ChangesetDryRunResult}
 */
export function changesetDryRun({ rootDir = ROOT_DIR, samples = [], ignorePending = false } = {}) {
  const copy = mkdtempSync(join(tmpdir(), "realm-recovery-changeset-"));
  try {
    const workspace = listWorkspacePackages(rootDir);
    cpSync(join(rootDir, "package.json"), join(copy, "package.json"));
    cpSync(join(rootDir, ".changeset"), join(copy, ".changeset"), { recursive: true });
    // Changesets resolves its changelog generator from the copy: lend it the root's node_modules.
    symlinkSync(join(rootDir, "node_modules"), join(copy, "node_modules"), "dir");
    for (const pkg of workspace) {
      mkdirSync(join(copy, pkg.relativeDir), { recursive: true });
      cpSync(join(pkg.dir, "package.json"), join(copy, pkg.relativeDir, "package.json"));
    }

    const changesetDir = join(copy, ".changeset");
    let pending = pendingChangesets(changesetDir);
    const usedSamples = pending.length === 0 || ignorePending;
    if (usedSamples) {
      for (const file of pending) rmSync(join(changesetDir, file));
      samples.forEach((sample, i) => writeChangeset(changesetDir, `release-dry-sample-${i + 1}`, sample));
      pending = pendingChangesets(changesetDir);
    }
    if (pending.length > 0) {
      const bin = join(rootDir, "node_modules/@changesets/cli/bin.js");
      execFileSync(process.execPath, [bin, "version"], { cwd: copy, stdio: "pipe" });
    }

    const packages = workspace.map((pkg) => {
      const after = readJson(join(copy, pkg.relativeDir, "package.json"));
      /** @type {RangeChange[]} */
      const ranges = [];
      for (const field of DEPENDENCY_FIELDS) {
        for (const [dependency, from] of Object.entries(pkg.manifest[field] ?? {})) {
          const to = after[field]?.[dependency];
          if (to !== from) ranges.push({ field, dependency, from: String(from), to: String(to) });
        }
      }
      const changelogFile = join(copy, pkg.relativeDir, "CHANGELOG.md");
      let changelog;
      try {
        changelog = readFileSync(changelogFile, "utf8");
      } catch {
        changelog = undefined;
      }
      return {
        name: pkg.name,
        relativeDir: pkg.relativeDir,
        isPrivate: pkg.manifest.private === true,
        from: pkg.manifest.version,
        to: after.version,
        ranges,
        changelog,
      };
    });
    return { changesetFiles: pending, usedSamples, packages };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
