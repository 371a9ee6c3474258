import { readFileSync } from "node:fs";
import { ScenarioError, parseScenario, runScenario } from "@realm-recovery/testing";
import { CliError } from "../cli-error.js";
import type { CliIO } from "../cli-io.js";
import { formatResult } from "../format/format-result.js";
import { resolvePlugins } from "./resolve-plugins.js";
import { withTempDir } from "./with-temp-dir.js";

/** Options of `realm-recovery simulate`. */
export interface SimulateOptions {
  readonly file: string;
  readonly strategy?: string;
  readonly tracker?: string;
  readonly json: boolean;
}

function readScenario(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new CliError(`Cannot read scenario ${file}: ${(cause as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CliError(`Scenario ${file} is not valid JSON: ${(cause as Error).message}`);
  }
}

/** `simulate <scenario.json>`: runs one scenario and prints the final objects, reports and events. */
export async function simulateCommand(options: SimulateOptions, io: CliIO): Promise<number> {
  let scenario;
  try {
    scenario = parseScenario(readScenario(options.file));
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new CliError(`Invalid scenario ${options.file}: ${error.message}`);
    throw error;
  }
  const strategy = options.strategy ?? scenario.strategy;
  const tracker = options.tracker ?? scenario.tracker;
  const plugins = resolvePlugins(strategy, tracker);
  const result = await withTempDir((baseDir) =>
    runScenario({ ...scenario, strategy, tracker }, plugins, { baseDir }),
  );
  if (options.json) {
    const { server, clients, reports, events } = result;
    io.out(JSON.stringify({ server, clients, reports, events }, null, 2) + "\n");
  } else {
    io.out(
      formatResult(`${scenario.name ?? options.file} — strategy ${strategy}, tracker ${tracker}`, result),
    );
  }
  return 0;
}
