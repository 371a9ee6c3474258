export { ObjectRecorder, stampOf } from "./object-recorder.js";
export { ObjectStrategy, type ObjectStrategyOptions, objectStrategy } from "./object-strategy.js";
