import type { ClientResetStrategy, SyncTracker } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import type { ScenarioConflictPolicy, ScenarioStrategyOptions } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { progressTracker } from "@realm-recovery/tracker-progress";

/** Every strategy the CLI knows, by the name scenarios and `--strategy` use. */
export const STRATEGIES: Readonly<Record<string, (options: ScenarioStrategyOptions) => ClientResetStrategy>> =
  {
    object: (options) => objectStrategy(options),
    field: (options) => fieldStrategy(options),
    overwrite: () => overwriteStrategy(),
    changelog: (options) => changelogStrategy(options),
  };

/** The conflict policies each strategy offers (`--policy`); the first is its default. */
export const STRATEGY_POLICIES: Readonly<Record<string, readonly ScenarioConflictPolicy[]>> = {
  object: ["newer-wins", "client-wins"],
  field: ["newer-wins", "client-wins"],
  overwrite: [],
  changelog: ["client-wins", "newer-wins"],
};

/** Every tracker the CLI knows, by the name scenarios and `--tracker` use. */
export const TRACKERS: Readonly<Record<string, () => SyncTracker>> = {
  listener: () => listenerTracker(),
  progress: () => progressTracker(),
};

/** One line per strategy: when it is right and what it costs (printed by `demo`). */
export const STRATEGY_TRADE_OFFS: Readonly<Record<string, string>> = {
  object:
    "one stamp per object: the newer whole object wins, so a concurrent edit of another field on another device discards ours",
  field:
    "one stamp per field: each unsynced field is merged alone and only over older remote values (a dictionary of stamps per object)",
  overwrite:
    "no stamps: the backup is copied over everything; exact for one writer per realm, clobbers other devices' newer writes",
  changelog:
    "a change log outside the objects (synced schema untouched): logged fields are replayed and win over remote values (client-wins)",
};
