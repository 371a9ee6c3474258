import { describe, expect, it, vi } from "vitest";
import { type Conflict, namedPolicyOutcome, settleConflict } from "./settle-conflict.js";

const update = (localStamp: number | null, remoteStamp: number | null): Conflict => ({
  kind: "update",
  objectType: "Dog",
  primaryKey: "1",
  property: "age",
  local: 2,
  remote: 3,
  localStamp,
  remoteStamp,
  lastSyncedAt: 10,
  remoteChanged: true,
});

describe("namedPolicyOutcome", () => {
  it("lets the newer stamp win an update under newer-wins, the local side on a tie or without a remote stamp", () => {
    expect(namedPolicyOutcome("newer-wins", "update", 20, 30)).toEqual({
      winner: "remote",
      rule: "remote-newer",
    });
    expect(namedPolicyOutcome("newer-wins", "update", 30, 20)).toEqual({
      winner: "local",
      rule: "local-newer",
    });
    expect(namedPolicyOutcome("newer-wins", "update", 30, 30)).toEqual({
      winner: "local",
      rule: "local-newer",
    });
    expect(namedPolicyOutcome("newer-wins", "update", 30, null)).toEqual({
      winner: "local",
      rule: "local-newer",
    });
    expect(namedPolicyOutcome("newer-wins", "update", null, 5)).toEqual({
      winner: "remote",
      rule: "remote-newer",
    });
  });

  it("decides deletes by kind under either policy", () => {
    expect(namedPolicyOutcome("newer-wins", "remote-delete", 30, null).rule).toBe("recreated");
    expect(namedPolicyOutcome("newer-wins", "local-delete", 30, 40).rule).toBe("remote-written-after-delete");
    expect(namedPolicyOutcome("client-wins", "remote-delete", 30, null)).toEqual({
      winner: "remote",
      rule: "remote-delete-wins",
    });
    expect(namedPolicyOutcome("client-wins", "local-delete", 30, 40)).toEqual({
      winner: "local",
      rule: "local-delete",
    });
  });

  it("lets the client win an update under client-wins whatever the stamps", () => {
    expect(namedPolicyOutcome("client-wins", "update", 20, 30)).toEqual({
      winner: "local",
      rule: "client-wins",
    });
  });
});

describe("settleConflict", () => {
  it("settles named policies as namedPolicyOutcome does", () => {
    for (const policy of ["newer-wins", "client-wins"] as const) {
      for (const [local, remote] of [
        [20, 30],
        [30, 20],
        [30, null],
      ] as const) {
        expect(settleConflict(policy, "field", update(local, remote))).toEqual(
          namedPolicyOutcome(policy, "update", local, remote),
        );
      }
    }
  });

  it("asks a resolver only when both sides differ and the remote side changed, with the conflict's metadata", () => {
    const resolver = vi.fn(() => 9);
    expect(settleConflict(resolver, "field", { ...update(20, 30), remote: 2 })).toEqual({
      winner: "remote",
      rule: "remote-newer",
    });
    expect(resolver).not.toHaveBeenCalled();
    expect(settleConflict(resolver, "field", update(20, 30))).toEqual({
      winner: "resolved",
      value: 9,
      rule: "resolver",
    });
    expect(resolver).toHaveBeenCalledWith(
      2,
      3,
      expect.objectContaining({ property: "age", strategy: "field" }),
    );
  });
});
