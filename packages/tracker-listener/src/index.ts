// The public door of @realm-recovery/tracker-listener: explicit named exports only.
export { ListenerTracker, type ListenerTrackerOptions, listenerTracker } from "./listener-tracker.js";
