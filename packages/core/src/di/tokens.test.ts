import { createRecoveryContainer } from "./container.js";
import { rootContainer as globalContainer } from "./tsyringe.js";
import { describe, expect, it } from "vitest";
import { token, registerValue, resolveToken } from "./token.js";
import { CLIENT_RESET_STRATEGY, CLOCK, JOURNAL, LOGGER, REALM_ADAPTER, SYNC_TRACKER } from "./tokens.js";
import { silentLogger } from "../contracts/logger.js";

describe("DI tokens", () => {
  it("are registry symbols, so two copies of core agree on them", () => {
    for (const t of [CLIENT_RESET_STRATEGY, SYNC_TRACKER, CLOCK, JOURNAL, REALM_ADAPTER, LOGGER]) {
      expect(Symbol.keyFor(t)).toMatch(/^@realm-recovery\//);
    }
    expect(token("ClientResetStrategy")).toBe(CLIENT_RESET_STRATEGY);
  });

  it("are all distinct", () => {
    const all = [CLIENT_RESET_STRATEGY, SYNC_TRACKER, CLOCK, JOURNAL, REALM_ADAPTER, LOGGER];
    expect(new Set(all).size).toBe(all.length);
  });

  it("register and resolve typed values in a child container without touching the global one", () => {
    const child = createRecoveryContainer();
    registerValue(child, LOGGER, silentLogger);
    expect(resolveToken(child, LOGGER)).toBe(silentLogger);
    expect(globalContainer.isRegistered(LOGGER)).toBe(false);
  });
});
