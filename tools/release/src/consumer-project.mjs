// A clean consumer project outside the workspace: every packed tarball installed from disk, their
// registry dependencies (rxjs, tsyringe, bson, …) from the npm registry (the local cache first), and
// no workspace links. The fixtures in ../fixtures/consumer run and type-check inside it.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { runNpm } from "./run-npm.mjs";
import { ROOT_DIR } from "./workspace-packages.mjs";

const require = createRequire(import.meta.url);

/** The consumer fixtures: recover.mjs, recover.cjs, consumer.ts, consumer-cjs.cts and two tsconfigs. */
export const FIXTURES_DIR = join(ROOT_DIR, "tools/release/fixtures/consumer");

/**
 * Creates the consumer project in `projectDir`: copies the tarballs into `packs/`, writes a
 * package.json depending on each (`file:packs/…`), runs `npm install --prefer-offline`, copies the
 * fixtures, and links `node_modules/realm` to the monorepo's copy for its types only.
 *
 * @example
 * createConsumerProject(packPackages(listPublicPackages(), out), "/tmp/consumer");
 * @param {import("./pack-packages.mjs").PackedPackage[]} packed
 * @param {string} projectDir created if missing; should lie outside the workspace
 * @param {string} [rootDir]
 */
export function createConsumerProject(packed, projectDir, rootDir = ROOT_DIR) {
  mkdirSync(join(projectDir, "packs"), { recursive: true });
  /** @type {Record<string, string>} */
  const dependencies = {};
  for (const { pkg, tarball } of packed) {
    cpSync(tarball, join(projectDir, "packs", basename(tarball)));
    dependencies[pkg.name] = `file:packs/${basename(tarball)}`;
  }
  const manifest = { name: "realm-recovery-consumer", private: true, type: "module", dependencies };
  writeFileSync(join(projectDir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  runNpm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"], projectDir);
  for (const file of readdirSync(FIXTURES_DIR)) cpSync(join(FIXTURES_DIR, file), join(projectDir, file));
  // realm@12 is an optional peer of core and only a type in consumer.ts. Installing it would cost
  // 944 MB (its native binaries), so the project borrows the monorepo's copy: a symlink, whose real
  // path keeps realm's own type dependencies (bson, …) resolving from the monorepo's node_modules.
  const realm = join(projectDir, "node_modules/realm");
  if (!existsSync(realm)) symlinkSync(join(rootDir, "node_modules/realm"), realm, "dir");
}

/**
 * Runs a script of the consumer project with Node and returns its standard output.
 *
 * @example
 * runNode("/tmp/consumer", "recover.mjs").split("\n").map((line) => JSON.parse(line));
 * @param {string} projectDir
 * @param {string} script
 * @returns {string}
 */
export function runNode(projectDir, script) {
  return execFileSync(process.execPath, [script], { cwd: projectDir, encoding: "utf8", stdio: "pipe" });
}

/**
 * Type-checks the consumer project with the monorepo's TypeScript and a tsconfig of the fixtures,
 * listing the files the compiler read. Throws with the compiler's output when a type is wrong.
 *
 * @example
 * typecheckConsumer("/tmp/consumer", "tsconfig.nodenext.json").includes("dist/cjs/index.d.ts");
 * @param {string} projectDir
 * @param {string} tsconfig file name in the fixtures
 * @returns {string[]} the files tsc read
 */
export function typecheckConsumer(projectDir, tsconfig) {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--listFiles"], {
    cwd: projectDir,
    encoding: "utf8",
  });
  const lines = (result.stdout ?? "").split("\n").filter((line) => line.trim() !== "");
  if (result.status !== 0) {
    const errors = lines.filter((line) => line.includes("error TS"));
    throw new Error(`tsc -p ${tsconfig} failed (${result.status}):\n${errors.join("\n") || result.stderr}`);
  }
  return lines;
}
