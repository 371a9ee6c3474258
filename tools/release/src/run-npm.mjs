// Runs the npm CLI as a user would in a terminal: without the npm_* variables that an enclosing
// `npm run` / `npm test` exports (npm_config_prefix, npm_config_workspace, …), which would otherwise
// point a nested npm at the monorepo root.
import { execFileSync } from "node:child_process";

/**
 * The current environment without npm's own `npm_*` variables.
 *
 * @example
 * execFileSync("npm", ["install"], { env: cleanNpmEnv() });
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
  try {
    return execFileSync("npm", args, {
      cwd,
      env: cleanNpmEnv(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = /** @type {{ stderr?: string }} */ (error);
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${failed.stderr ?? String(error)}`, {
      cause: error,
    });
  }
}
