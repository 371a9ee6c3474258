import { runTrackerContract } from "@realm-recovery/testing/contracts";
import { listenerTracker } from "./listener-tracker.js";

runTrackerContract("listenerTracker", () => listenerTracker());
