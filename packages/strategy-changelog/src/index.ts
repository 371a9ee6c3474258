/**
 * A `ClientResetStrategy` that keeps a change log in the never-synced journal instead of stamping objects,
 * and replays the logged fields after a client reset (client-wins).
 *
 * @packageDocumentation
 * @module @realm-recovery/strategy-changelog
 */
export { ChangelogRecorder } from "./changelog-recorder.js";
export { ChangelogStrategy, type ChangelogStrategyOptions, changelogStrategy } from "./changelog-strategy.js";
