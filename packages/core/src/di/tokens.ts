import type { Clock } from "../clock/clock.js";
import type { ClientResetStrategy } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { Logger } from "../contracts/logger.js";
import type { RealmAdapter } from "../contracts/realm-adapter.js";
import type { SyncTracker } from "../contracts/sync-tracker.js";
import { token } from "./token.js";

/** Token of the {@link ClientResetStrategy} a managed realm uses. */
export const CLIENT_RESET_STRATEGY = token<ClientResetStrategy>("ClientResetStrategy");
/** Token of the {@link SyncTracker} a managed realm uses. */
export const SYNC_TRACKER = token<SyncTracker>("SyncTracker");
/** Token of the device {@link Clock}. */
export const CLOCK = token<Clock>("Clock");
/** Token of a managed realm's {@link Journal}. */
export const JOURNAL = token<Journal>("Journal");
/** Token of the {@link RealmAdapter}. */
export const REALM_ADAPTER = token<RealmAdapter>("RealmAdapter");
/** Token of the {@link Logger}. */
export const LOGGER = token<Logger>("Logger");
