/**
 * Test without Realm: `RealmEmulator` (an in-process Realm JS v12), `SyncSimulator` (a deterministic sync
 * server with clients and fault injection), the JSON scenario runner and `StrategyFixture`.
 *
 * @packageDocumentation
 * @module @realm-recovery/testing
 */
// The public door of @realm-recovery/testing: explicit named exports only.
export { EmulatorError, EmulatorErrorCode } from "./emulator/emulator-error.js";
export {
  type EmulatorConfiguration,
  type EmulatorSyncConfiguration,
  RealmEmulator,
  deleteRealmFiles,
} from "./emulator/realm-emulator.js";
export { EmulatedDictionary } from "./emulator/objects/emulated-dictionary.js";
export { EmulatedList } from "./emulator/objects/emulated-list.js";
export { EmulatedObject } from "./emulator/objects/emulated-object.js";
export { EmulatedResults } from "./emulator/objects/emulated-results.js";
export { flushNotifications } from "./emulator/objects/notifier.js";
export {
  type CompiledQuery,
  type KeyPathReader,
  QueryError,
  type QueryErrorCode,
  compileQuery,
} from "./emulator/query/index.js";
export type { Changeset, Instruction, PortableValue } from "./emulator/store/changeset.js";
export { type ClientResetErrorCode, SimulatedClientResetError } from "./simulator/client-reset-error.js";
export { EmulatorAdapter } from "./simulator/emulator-adapter.js";
export {
  type FaultKind,
  type FaultOptions,
  FaultPlan,
  type FaultPoint,
  SimulatedCrash,
  SimulatedFault,
} from "./simulator/fault-plan.js";
export type { PlainObjects } from "./simulator/plain-objects.js";
export { HALT_LINE, SimulatedClient, type SimulatedClientOptions } from "./simulator/simulated-client.js";
export { SimulatedSyncSession } from "./simulator/simulated-sync-session.js";
export { type ServerHistoryEntry, SyncServer } from "./simulator/sync-server.js";
export { SyncSimulator, type SyncSimulatorOptions } from "./simulator/sync-simulator.js";
export { parseScenario } from "./scenario/parse-scenario.js";
export {
  type RunScenarioOptions,
  type ScenarioEvent,
  type ScenarioPlugins,
  type ScenarioResult,
  type ScenarioStrategyOptions,
  type ScenarioWrite,
  runScenario,
} from "./scenario/run-scenario.js";
export { ScenarioError } from "./scenario/scenario-error.js";
export type { Scenario, ScenarioConflictPolicy, ScenarioStep } from "./scenario/scenario.js";
export { dryRunStrategy } from "./scenario/dry-run-strategy.js";
export { StrategyFixture, type StrategyRun } from "./fixtures/strategy-fixture.js";
