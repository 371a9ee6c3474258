export { FieldRecorder } from "./field-recorder.js";
export { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";
export { FieldStrategy, type FieldStrategyOptions, fieldStrategy } from "./field-strategy.js";
