export { OverwriteStrategy, type OverwriteStrategyOptions, overwriteStrategy } from "./overwrite-strategy.js";
