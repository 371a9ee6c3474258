/**
 * Vitest suites every strategy and tracker should pass (`runStrategyContract`, `runTrackerContract`); needs
 * `vitest`, an optional peer dependency.
 *
 * @packageDocumentation
 * @module @realm-recovery/testing/contracts
 */
// `@realm-recovery/testing/contracts`: Vitest suites every plugin runs (needs vitest, a peer dependency).
export { runStrategyContract } from "./run-strategy-contract.js";
export { runTrackerContract } from "./run-tracker-contract.js";
