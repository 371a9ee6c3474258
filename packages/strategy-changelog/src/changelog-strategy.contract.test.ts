import { runStrategyContract } from "@realm-recovery/testing/contracts";
import { changelogStrategy } from "./changelog-strategy.js";

runStrategyContract("changelogStrategy", () => changelogStrategy());
runStrategyContract("changelogStrategy (newer-wins)", () =>
  changelogStrategy({ conflictPolicy: "newer-wins" }),
);
