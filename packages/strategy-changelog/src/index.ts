/**
 * A `ClientResetStrategy` that keeps a change log in the never-synced journal instead of stamping objects,
 * and replays the logged fields after a client reset (client-wins by default; newer-wins with a synced
 * stamp model).
 *
 * @packageDocumentation
 * @module @realm-recovery/strategy-changelog
 */
export { ChangelogRecorder } from "./changelog-recorder.js";
export {
  ChangelogStrategy,
  type ChangelogStrategyOptions,
  DEFAULT_STAMP_MODEL,
  changelogStrategy,
} from "./changelog-strategy.js";
export { FieldStampModel } from "./field-stamp-model.js";
