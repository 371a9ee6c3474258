import { readFileSync } from "node:fs";
import {
  type ScenarioConflictPolicy,
  ScenarioError,
  parseScenario,
  runScenario,
} from "@realm-recovery/testing";
import { CliError } from "../cli-error.js";
import type { CliIO } from "../cli-io.js";
import { formatPlans } from "../format/format-plans.js";
import { formatResult } from "../format/format-result.js";
import { resolvePlugins } from "./resolve-plugins.js";
import { withTempDir } from "./with-temp-dir.js";

/** Options of `realm-recovery simulate`. */
export interface SimulateOptions {
  readonly file: string;
  readonly strategy?: string;
  readonly tracker?: string;
  /** Conflict policy, over the scenario's `conflictPolicy`. */
  readonly policy?: string;
  /** Preview each recovery instead of running it. */
  readonly dryRun?: boolean;
  readonly json: boolean;
}

const POLICIES: readonly string[] = ["newer-wins", "client-wins"];

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
  if (options.policy !== undefined && !POLICIES.includes(options.policy))
    throw new CliError(`Unknown conflict policy "${options.policy}" (known: ${POLICIES.join(", ")})`);
  const policy = (options.policy ?? scenario.conflictPolicy) as ScenarioConflictPolicy | undefined;
  const plugins = resolvePlugins(strategy, tracker, policy);
  const { conflictPolicy: _ignored, ...rest } = scenario;
  const result = await withTempDir((baseDir) =>
    runScenario({ ...rest, strategy, tracker }, plugins, { baseDir, dryRun: options.dryRun ?? false }),
  );
  const title = `${scenario.name ?? options.file} — strategy ${strategy}${policy ? ` (${policy})` : ""}, tracker ${tracker}`;
  if (options.json) {
    const { server, clients, reports, events, plans } = result;
    const output = options.dryRun ? { plans, events } : { server, clients, reports, events };
    io.out(JSON.stringify(output, jsonValue, 2) + "\n");
  } else {
    io.out(options.dryRun ? formatPlans(title, result) : formatResult(title, result));
  }
  return 0;
}

/** JSON.stringify replacer: bigints as strings (everything else as JSON does). */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? String(value) : value;
}
