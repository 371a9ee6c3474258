import type { ScenarioConflictPolicy, ScenarioPlugins } from "@realm-recovery/testing";
import { CliError } from "../cli-error.js";
import { STRATEGIES, STRATEGY_POLICIES, TRACKERS } from "../plugin-registry.js";

/**
 * The factories for a strategy and tracker name, or a {@link CliError} listing the known names.
 * With `policy`, the strategy must offer that conflict policy, and is built with it.
 */
export function resolvePlugins(
  strategy: string,
  tracker: string,
  policy?: ScenarioConflictPolicy,
): ScenarioPlugins {
  const makeStrategy = STRATEGIES[strategy];
  if (!makeStrategy)
    throw new CliError(`Unknown strategy "${strategy}" (known: ${Object.keys(STRATEGIES).join(", ")})`);
  const makeTracker = TRACKERS[tracker];
  if (!makeTracker)
    throw new CliError(`Unknown tracker "${tracker}" (known: ${Object.keys(TRACKERS).join(", ")})`);
  const policies = STRATEGY_POLICIES[strategy] ?? [];
  if (policy !== undefined && !policies.includes(policy)) {
    const offered = policies.length > 0 ? `it offers ${policies.join(", ")}` : "it has no conflict policy";
    throw new CliError(`The ${strategy} strategy cannot use conflict policy "${policy}": ${offered}`);
  }
  return {
    strategy: (options) =>
      makeStrategy(policy === undefined ? options : { ...options, conflictPolicy: policy }),
    tracker: makeTracker,
  };
}
