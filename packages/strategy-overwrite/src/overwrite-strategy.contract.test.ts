import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { overwriteStrategy } from "./overwrite-strategy.js";

runStrategyContract("overwriteStrategy", () => overwriteStrategy());
