// `npm pack` for a set of workspace packages in one npm run: the tarballs npm would publish.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runNpm } from "./run-npm.mjs";
import { ROOT_DIR } from "./workspace-packages.mjs";

/**
 * @typedef {import("./workspace-packages.mjs").WorkspacePackage} WorkspacePackage
 *
 * @typedef {object} PackedPackage
 * @property {WorkspacePackage} pkg the package that was packed
 * @property {string} tarball absolute path of the `.tgz`
 * @property {string[]} files the paths inside the tarball (relative to `package/`)
 * @property {number} size the tarball's size in bytes
 * @property {number} unpackedSize the size of its files once unpacked
 */

/**
 * Packs `packages` into `outDir` with a single `npm pack --workspace … --json` and returns one
 * entry per package, in the order given.
 *
 * @example
 * const packed = packPackages(listPublicPackages(), "/tmp/packs");
 * packed[0].tarball; // "/tmp/packs/realm-recovery-cli-0.1.0.tgz"
 * @param {WorkspacePackage[]} packages
 * @param {string} outDir created if missing
 * @param {string} [rootDir]
 * @returns {PackedPackage[]}
 */
export function packPackages(packages, outDir, rootDir = ROOT_DIR) {
  if (packages.length === 0) return [];
  mkdirSync(outDir, { recursive: true });
  const args = ["pack", "--json", "--pack-destination", outDir, "--ignore-scripts"];
  for (const pkg of packages) args.push("--workspace", pkg.relativeDir);
  const stdout = runNpm(args, rootDir);
  /** @type {{ name: string, filename: string, files: { path: string }[], size: number, unpackedSize: number }[]} */
  const results = JSON.parse(stdout);
  return packages.map((pkg) => {
    const result = results.find((r) => r.name === pkg.name);
    if (!result) throw new Error(`npm pack did not report ${pkg.name}`);
    return {
      pkg,
      tarball: join(outDir, result.filename),
      files: result.files.map((f) => f.path).sort(),
      size: result.size,
      unpackedSize: result.unpackedSize,
    };
  });
}
