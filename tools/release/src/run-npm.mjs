// Runs the npm CLI as a user would in a terminal: without the npm_* variables that an enclosing
// `npm run` / `npm test` exports (npm_config_prefix, npm_config_workspace, …), which would otherwise
// point a nested npm at the monorepo root.
import { spawnSync } from "node:child_process";

/**
 * The current environment without npm's own `npm_*` variables.
 *
 * @example
 * spawnSync("npm", ["install"], { env: cleanNpmEnv() });
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanNpmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * Runs `npm <args>` in `cwd` and returns its standard output; throws with npm's stderr on failure.
 *
 * @example
 * runNpm(["pack", "--json"], "/work/main/packages/core");
 * @param {string[]} args
 * @param {string} cwd
 * @returns {string}
 */
export function runNpm(args, cwd) {
  const result = spawnSync("npm", args, {
    cwd,
    env: cleanNpmEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `npm ${args.join(" ")} failed (${result.status}) in ${cwd}:\n${result.stderr || result.error}`,
    );
  return result.stdout;
}
