import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { fieldStrategy } from "./field-strategy.js";

runStrategyContract("fieldStrategy", () => fieldStrategy());
