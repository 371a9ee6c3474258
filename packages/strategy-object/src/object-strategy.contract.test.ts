import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { objectStrategy } from "./object-strategy.js";

runStrategyContract("objectStrategy", () => objectStrategy());
