// Finds the workspace's packages: every folder matched by the root package.json's "workspaces"
// globs, and among them the public ones (packages/* without "private": true) that get published.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name the package name, e.g. `@realm-recovery/core`
 * @property {string} dir absolute path of the package folder
 * @property {string} relativeDir path relative to the workspace root, e.g. `packages/core`
 * @property {Record<string, any>} manifest the parsed package.json
 */

/** Absolute path of the monorepo root (three levels above this file). */
export const ROOT_DIR = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "");

/**
 * Reads and parses a JSON file.
 *
 * @param {string} file
 * @returns {any}
 */
export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * Every workspace package, in the order of the root's `workspaces` globs (each `folder/*`) and then
 * by folder name.
 *
 * @example
 * listWorkspacePackages().map((p) => p.relativeDir); // ["packages/cli", "packages/core", …, "tools/release"]
 * @param {string} [rootDir]
 * @returns {WorkspacePackage[]}
 */
export function listWorkspacePackages(rootDir = ROOT_DIR) {
  /** @type {string[]} */
  const globs = readJson(join(rootDir, "package.json")).workspaces ?? [];
  return globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) throw new Error(`Unsupported workspaces glob "${glob}" (only "folder/*")`);
    const folder = glob.slice(0, -2);
    if (!existsSync(join(rootDir, folder))) return [];
    return readdirSync(join(rootDir, folder))
      .sort()
      .filter((name) => existsSync(join(rootDir, folder, name, "package.json")))
      .map((name) => {
        const relativeDir = `${folder}/${name}`;
        const dir = join(rootDir, relativeDir);
        const manifest = readJson(join(dir, "package.json"));
        return { name: manifest.name, dir, relativeDir, manifest };
      });
  });
}

/**
 * The packages that are published: those in `packages/*` without `"private": true`.
 *
 * @example
 * listPublicPackages().map((p) => p.name); // ["@realm-recovery/cli", "@realm-recovery/core", …]
 * @param {string} [rootDir]
 * @returns {WorkspacePackage[]}
 */
export function listPublicPackages(rootDir = ROOT_DIR) {
  return listWorkspacePackages(rootDir).filter(
    (pkg) => pkg.relativeDir.startsWith("packages/") && pkg.manifest.private !== true,
  );
}
