// The example's public door: explicit named exports only.
export { createAppRecovery } from "./create-app-recovery.js";
export { LastUpdatedRecorder, stampOf } from "./last-updated-recorder.js";
export { localChangeWins } from "./local-change-wins.js";
export {
  ServerWinsUnlessNewerStrategy,
  type ServerWinsUnlessNewerOptions,
  serverWinsUnlessNewer,
} from "./server-wins-unless-newer-strategy.js";
