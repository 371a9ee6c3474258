import type { ScenarioPlugins } from "@realm-recovery/testing";
import { CliError } from "../cli-error.js";
import { STRATEGIES, TRACKERS } from "../plugin-registry.js";

/** The factories for a strategy and tracker name, or a {@link CliError} listing the known names. */
export function resolvePlugins(strategy: string, tracker: string): ScenarioPlugins {
  const makeStrategy = STRATEGIES[strategy];
  if (!makeStrategy)
    throw new CliError(`Unknown strategy "${strategy}" (known: ${Object.keys(STRATEGIES).join(", ")})`);
  const makeTracker = TRACKERS[tracker];
  if (!makeTracker)
    throw new CliError(`Unknown tracker "${tracker}" (known: ${Object.keys(TRACKERS).join(", ")})`);
  return { strategy: makeStrategy, tracker: makeTracker };
}
