// #region fixture
import { type ObjectSchemaLike, timestampFrom } from "@realm-recovery/core";
import { StrategyFixture } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localChangeWins } from "./local-change-wins.js";
import { serverWinsUnlessNewer } from "./server-wins-unless-newer-strategy.js";

const strategy = serverWinsUnlessNewer({ marginMs: 5_000 });
const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const T = (ms: number) => timestampFrom(ms);
const lastSyncedAt = T(10_000);

let fixture: StrategyFixture;
beforeEach(async () => {
  fixture = await StrategyFixture.create([strategy.schema(Dog)]);
});
afterEach(() => fixture.dispose());

/** The unsynced local copy (backup) and the server's copy (fresh realm) of Dog 1, stamped in ms. */
function conflict(localMs: number, serverMs: number | null): void {
  fixture.local.write(() =>
    fixture.local.create("Dog", { _id: "1", name: "Local", lastUpdated: T(localMs) }),
  );
  const server = serverMs === null ? {} : { lastUpdated: T(serverMs) };
  fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Server", ...server }));
}

const dog = (id = "1") => fixture.fresh.objectForPrimaryKey("Dog", id)?.toJSON();
// #endregion fixture

// #region n-ms-rule
describe("the N ms rule (marginMs: 5000, LastSynced at 10 s, the server's copy written at 20 s)", () => {
  it("keeps the server's copy when the local change is less than marginMs newer", async () => {
    conflict(24_999, 20_000);
    const { report } = await fixture.recover(strategy, lastSyncedAt);
    expect(dog()).toMatchObject({ name: "Server", lastUpdated: T(20_000) });
    expect(report.records).toMatchObject([{ action: "skip", rule: "remote-newer" }]);
    expect(report.skipped).toEqual([
      { type: "Dog", primaryKey: "1", reason: "server copy kept: local change is not 5000 ms newer" },
    ]);
  });

  it("recovers the local change when it is at least marginMs newer", async () => {
    conflict(25_000, 20_000);
    const { report } = await fixture.recover(strategy, lastSyncedAt);
    expect(dog()).toMatchObject({ name: "Local", lastUpdated: T(25_000) });
    expect(report.records).toMatchObject([{ action: "update", rule: "local-newer" }]);
  });
});
// #endregion n-ms-rule

describe("ServerWinsUnlessNewerStrategy", () => {
  it("recovers a local change over a server copy unchanged since LastSynced, however close", async () => {
    conflict(10_001, 9_000);
    await fixture.recover(strategy, lastSyncedAt);
    expect(dog()).toMatchObject({ name: "Local" });
  });

  it("keeps a server copy it cannot date (no stamp)", async () => {
    conflict(60_000, null);
    await fixture.recover(strategy, lastSyncedAt);
    expect(dog()).toMatchObject({ name: "Server" });
  });

  it("recovers local creates and leaves objects synced before LastSynced alone", async () => {
    fixture.local.write(() => {
      fixture.local.create("Dog", { _id: "new", name: "New", lastUpdated: T(12_000) });
      fixture.local.create("Dog", { _id: "old", name: "Old", lastUpdated: T(9_000) });
    });
    const { report } = await fixture.recover(strategy, lastSyncedAt);
    expect(dog("new")).toMatchObject({ name: "New" });
    expect(dog("old")).toBeUndefined();
    expect(report.records).toMatchObject([{ primaryKey: "new", action: "create", rule: "local-create" }]);
  });

  it("applies a local delete only when it is at least marginMs newer than the server's copy", async () => {
    fixture.fresh.write(() => {
      fixture.fresh.create("Dog", { _id: "gone", name: "A", lastUpdated: T(20_000) });
      fixture.fresh.create("Dog", { _id: "kept", name: "B", lastUpdated: T(20_000) });
    });
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "gone", deletedAt: T(25_000) });
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "kept", deletedAt: T(24_000) });
    const { report } = await fixture.recover(strategy, lastSyncedAt);
    expect(dog("gone")).toBeUndefined();
    expect(dog("kept")).toMatchObject({ name: "B" });
    expect(report.deleted).toBe(1);
  });

  it("rejects a negative or non-numeric marginMs with a typed error", () => {
    expect(() => serverWinsUnlessNewer({ marginMs: -1 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
    expect(() => serverWinsUnlessNewer({ marginMs: Number.NaN })).toThrow(/marginMs/);
  });
});

describe("localChangeWins", () => {
  it.each([
    { local: 25_000, remote: 20_000, margin: 5_000, wins: true },
    { local: 24_999, remote: 20_000, margin: 5_000, wins: false },
    { local: 20_000, remote: 20_000, margin: 0, wins: true },
    { local: 19_000, remote: 20_000, margin: 0, wins: false },
  ])("local $local ms vs server $remote ms with a $margin ms margin: local wins = $wins", (c) => {
    expect(localChangeWins(T(c.local), T(c.remote), lastSyncedAt, c.margin)).toBe(c.wins);
  });

  it("compares wall-clock milliseconds, not the logical counter of the stamps", () => {
    expect(localChangeWins(timestampFrom(25_000, 0), timestampFrom(20_000, 999), lastSyncedAt, 5_000)).toBe(
      true,
    );
  });

  it("lets the local change win when the server copy has not changed since LastSynced", () => {
    expect(localChangeWins(T(10_001), T(10_000), T(10_000), 5_000)).toBe(true);
    expect(localChangeWins(T(10_001), T(10_000), null, 5_000)).toBe(false);
  });
});
