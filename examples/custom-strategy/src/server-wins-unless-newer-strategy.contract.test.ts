import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { serverWinsUnlessNewer } from "./server-wins-unless-newer-strategy.js";

runStrategyContract("serverWinsUnlessNewer", () => serverWinsUnlessNewer());
