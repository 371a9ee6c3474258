import type { DependencyContainer } from "tsyringe";
import { token } from "../di/token.js";

/** Options the engine reads after `createRecovery` resolved its plugins. */
export interface EngineOptions {
  /** Object types to track and recover (undefined: every type given to `schema()`, else every top-level type of the realm). */
  readonly objectTypes: readonly string[] | undefined;
  /** Stable id of this device. */
  readonly deviceId: string;
  /** Where the journal of the realm at a path lives. */
  readonly journalPath: (realmPath: string) => string;
  /** Most records kept in a recovery report (counts stay exact). */
  readonly reportRecordLimit?: number;
  /** The device's wall clock (to tell a LastSynced from the future). @default Date.now */
  readonly wallClock?: () => number;
}

/** Token of the {@link EngineOptions} (internal to core). */
export const ENGINE_OPTIONS = token<EngineOptions>("EngineOptions");

/** Token of the child container a recovery (and its one managed realm) lives in (internal to core). */
export const ENGINE_CONTAINER = token<DependencyContainer>("EngineContainer");
