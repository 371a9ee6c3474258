/**
 * The `realm-recovery` command line (`simulate`, `demo`) and its building blocks: the plugin registry, the
 * bundled demo scenarios and their scoring.
 *
 * @packageDocumentation
 * @module @realm-recovery/cli
 */
export { CliError } from "./cli-error.js";
export { type CliIO, processIO } from "./cli-io.js";
export { BUNDLED_SCENARIOS, type BundledScenario } from "./demo/bundled-scenarios.js";
export { type OutcomeScore, scoreOutcome } from "./demo/score-outcome.js";
export { STRATEGIES, STRATEGY_TRADE_OFFS, TRACKERS } from "./plugin-registry.js";
export { runCli } from "./run-cli.js";
