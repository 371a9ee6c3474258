/**
 * A `SyncTracker` that records LastSynced from a collection listener and `uploadAllLocalChanges()`.
 *
 * @packageDocumentation
 * @module @realm-recovery/tracker-listener
 */
// The public door of @realm-recovery/tracker-listener: explicit named exports only.
export { ListenerTracker, type ListenerTrackerOptions, listenerTracker } from "./listener-tracker.js";
