/**
 * A `ClientResetStrategy` with one stamp per field: each unsynced field is merged on its own, over older
 * remote values only.
 *
 * @packageDocumentation
 * @module @realm-recovery/strategy-field
 */
export { FieldRecorder } from "./field-recorder.js";
export { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";
export { FieldStrategy, type FieldStrategyOptions, fieldStrategy } from "./field-strategy.js";
