import { type ObjectSchemaLike } from "@realm-recovery/core";
import { StrategyFixture } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OverwriteStrategy, overwriteStrategy } from "./overwrite-strategy.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const schema = [Dog];
const strategy = overwriteStrategy();

let fixture: StrategyFixture;
beforeEach(async () => {
  fixture = await StrategyFixture.create(schema);
});
afterEach(() => fixture.dispose());

const recover = (lastSyncedAt: number | null, objectTypes?: string[]) =>
  fixture.recover(strategy, lastSyncedAt, objectTypes);

describe("OverwriteStrategy", () => {
  it("adds no stamp properties and records nothing", () => {
    expect(strategy.schema(Dog)).toBe(Dog);
    expect(
      strategy.recorder.recordUpsert({
        objectType: "Dog",
        primaryKey: "1",
        changed: ["age"],
        previous: null,
        stamp: 1,
        journal: fixture.journal,
      }),
    ).toEqual({});
  });

  it("restores every backup object exactly, overwriting remote changes", async () => {
    fixture.local.write(() => {
      fixture.local.create("Dog", { _id: "1", name: "Rex", age: 2 });
      fixture.local.create("Dog", { _id: "2", name: "Old", age: null });
    });
    fixture.fresh.write(() => {
      fixture.fresh.create("Dog", { _id: "1", name: "Max", age: 1 });
      fixture.fresh.create("Dog", { _id: "2", name: "Old", age: 9 });
    });
    const { report } = await recover(123);
    expect(fixture.fresh.objects("Dog").toJSON()).toEqual([
      { _id: "1", name: "Rex", age: 2 },
      { _id: "2", name: "Old", age: null },
    ]);
    expect(report).toMatchObject({ strategy: "overwrite", upserted: 2, deleted: 0 });
  });

  it("recovers no deletes: an object missing from the backup stays as the server has it", async () => {
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "3", name: "Server only" }));
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "3", deletedAt: 999 });
    await recover(123);
    expect(fixture.fresh.objectForPrimaryKey("Dog", "3")).not.toBeNull();
  });

  it("rejects a bad batch size with a typed error", () => {
    expect(() => new OverwriteStrategy({ batchSize: -1 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});
