import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { changelogStrategy } from "./changelog-strategy.js";

runStrategyContract("changelogStrategy", () => changelogStrategy());
