export { ChangelogRecorder } from "./changelog-recorder.js";
export { ChangelogStrategy, type ChangelogStrategyOptions, changelogStrategy } from "./changelog-strategy.js";
