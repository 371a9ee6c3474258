/**
 * A `SyncTracker` that records LastSynced from upload progress notifications (indefinite mode), debounced.
 *
 * @packageDocumentation
 * @module @realm-recovery/tracker-progress
 */
// The public door of @realm-recovery/tracker-progress: explicit named exports only.
export {
  type ProgressCallbackForm,
  ProgressTracker,
  type ProgressTrackerOptions,
  progressTracker,
} from "./progress-tracker.js";
