import type { DependencyContainer } from "tsyringe";
import type { Clock } from "../clock/clock.js";
import { HybridLogicalClock, type WallClock } from "../clock/hybrid-logical-clock.js";
import type { ClientResetStrategy } from "../contracts/client-reset-strategy.js";
import { type Logger, silentLogger } from "../contracts/logger.js";
import type { RealmAdapter } from "../contracts/realm-adapter.js";
import type { Recovery } from "../contracts/recovery.js";
import type { SyncTracker } from "../contracts/sync-tracker.js";
import { createRecoveryContainer } from "../di/container.js";
import { registerValue } from "../di/token.js";
import { CLIENT_RESET_STRATEGY, CLOCK, LOGGER, REALM_ADAPTER, SYNC_TRACKER } from "../di/tokens.js";
import { RecoveryError } from "../errors/recovery-error.js";
import { defaultJournalPath } from "../journal/realm-journal.js";
import { ENGINE_CONTAINER, ENGINE_OPTIONS } from "./engine-options.js";
import { type PluginSpec, assertPlugin, registerPlugin } from "./plugin-spec.js";
import { RecoveryEngine } from "./recovery-engine.js";

/** Options of {@link createRecovery}. */
export interface RecoveryOptions {
  /** Opens realms and moves backups: `realmJsAdapter(Realm, app)`, or an emulator adapter in tests. */
  adapter: RealmAdapter;
  /** How unsynced changes are copied back (instance, class or registration). */
  strategy: PluginSpec<ClientResetStrategy>;
  /** How LastSynced is kept (instance, class or registration). */
  tracker: PluginSpec<SyncTracker>;
  /** Object types to track and recover. @default the types given to `schema()`, else every top-level type */
  objectTypes?: string[];
  /** Stable id of this device. @default a random id */
  deviceId?: string;
  /** The device's wall clock, for the default hybrid logical clock. @default Date.now */
  wallClock?: WallClock;
  /** A clock to use instead of the default `HybridLogicalClock(wallClock)`. */
  clock?: Clock;
  /** Where diagnostics go. @default silentLogger */
  logger?: Logger;
  /** Where the journal of the realm at a path lives. @default `${realmPath}.recovery-journal.realm` */
  journalPath?: (realmPath: string) => string;
  /** Parent container for this recovery's child container. @default tsyringe's root container */
  container?: DependencyContainer;
  /** Most records a recovery report keeps in `records` (counts stay exact). @default 1000 */
  reportRecordLimit?: number;
}

function randomDeviceId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? `device-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/**
 * Creates the recovery engine for one synced realm, wired in its own child DI container.
 *
 * @example
 * const recovery = createRecovery({
 *   adapter: realmJsAdapter(Realm, app),
 *   strategy: objectStrategy(),
 *   tracker: listenerTracker(),
 * });
 * const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { user, flexible: true } });
 */
export function createRecovery(options: RecoveryOptions): Recovery {
  if (!options?.adapter)
    throw new RecoveryError("INVALID_OPTIONS", "configure", "createRecovery: `adapter` is required");
  if (!options.strategy)
    throw new RecoveryError("INVALID_OPTIONS", "configure", "createRecovery: `strategy` is required");
  if (!options.tracker)
    throw new RecoveryError("INVALID_OPTIONS", "configure", "createRecovery: `tracker` is required");
  const limit = options.reportRecordLimit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0))
    throw new RecoveryError(
      "INVALID_OPTIONS",
      "configure",
      `createRecovery: reportRecordLimit must be a non-negative integer, got ${limit}`,
    );
  const container = createRecoveryContainer(options.container);
  registerValue(container, REALM_ADAPTER, options.adapter);
  registerValue(container, LOGGER, options.logger ?? silentLogger);
  registerValue(container, CLOCK, options.clock ?? new HybridLogicalClock(options.wallClock ?? Date.now));
  registerPlugin(container, CLIENT_RESET_STRATEGY, options.strategy, "strategy");
  registerPlugin(container, SYNC_TRACKER, options.tracker, "tracker");
  registerValue(container, ENGINE_OPTIONS, {
    objectTypes: options.objectTypes,
    deviceId: options.deviceId ?? randomDeviceId(),
    journalPath: options.journalPath ?? defaultJournalPath,
    ...(options.reportRecordLimit === undefined ? {} : { reportRecordLimit: options.reportRecordLimit }),
    wallClock: options.wallClock ?? Date.now,
  });
  registerValue(container, ENGINE_CONTAINER, container);
  assertPlugin(container.resolve(CLIENT_RESET_STRATEGY), "strategy", ["schema", "recover"]);
  assertPlugin(container.resolve(SYNC_TRACKER), "tracker", ["track"]);
  return container.resolve(RecoveryEngine);
}
