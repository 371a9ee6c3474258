/**
 * A `ClientResetStrategy` without stamps: every backup object is copied over the fresh realm (one writer per
 * realm).
 *
 * @packageDocumentation
 * @module @realm-recovery/strategy-overwrite
 */
export { OverwriteStrategy, type OverwriteStrategyOptions, overwriteStrategy } from "./overwrite-strategy.js";
