// How the recovery benchmark runs its measurements in child processes of its own.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The benchmark's entry script, which each child runs with internal options. */
const entry = fileURLToPath(new URL("./recovery-bench.mjs", import.meta.url));

/**
 * Runs the benchmark script in a child process (with this process's Node flags) with `args`, and returns
 * what it printed as JSON; `what` names the measurement in the error when the child fails.
 */
export function childJson(what, args) {
  const child = spawnSync(process.execPath, [...process.execArgv, entry, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`${what} failed (exit ${child.status})`);
  return JSON.parse(child.stdout);
}
