import { runTrackerContract } from "@realm-recovery/testing/contracts";
import { progressTracker } from "./progress-tracker.js";

runTrackerContract("progressTracker", () => progressTracker());
