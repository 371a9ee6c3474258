// `@realm-recovery/testing/contracts`: Vitest suites every plugin runs (needs vitest, a peer dependency).
export { runStrategyContract } from "./run-strategy-contract.js";
export { runTrackerContract } from "./run-tracker-contract.js";
