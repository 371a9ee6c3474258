/**
 * A `ClientResetStrategy` with one `lastUpdated` stamp per object: the newer whole object wins.
 *
 * @packageDocumentation
 * @module @realm-recovery/strategy-object
 */
export { ObjectRecorder, stampOf } from "./object-recorder.js";
export { ObjectStrategy, type ObjectStrategyOptions, objectStrategy } from "./object-strategy.js";
