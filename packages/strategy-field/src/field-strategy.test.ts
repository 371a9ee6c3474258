import { type ObjectSchemaLike, type RealmLike, timestampFrom } from "@realm-recovery/core";
import { StrategyFixture } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FieldStrategy, fieldStrategy } from "./field-strategy.js";

const strategy = fieldStrategy({ batchSize: 2 });
const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?", tags: "string[]" },
};
const schema = [strategy.schema(Dog)];
const T = (ms: number) => timestampFrom(ms);

let fixture: StrategyFixture;
beforeEach(async () => {
  fixture = await StrategyFixture.create(schema);
});
afterEach(() => fixture.dispose());

const recover = (lastSyncedAt: number | null, objectTypes?: string[]) =>
  fixture.recover(strategy, lastSyncedAt, objectTypes);

const dog = (realm: RealmLike, id = "1") => realm.objectForPrimaryKey("Dog", id)?.toJSON();

describe("FieldStrategy", () => {
  it("adds an int dictionary of field stamps and stamps exactly the changed fields (only their keys)", () => {
    expect(strategy.schema(Dog).properties.fieldStamps).toBe("int{}");
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "1", name: "Rex", age: 1, fieldStamps: { name: 5, age: 5 } }),
    );
    const previous = fixture.fresh.objectForPrimaryKey("Dog", "1");
    const stamps = strategy.recorder.recordUpsert({
      objectType: "Dog",
      primaryKey: "1",
      changed: ["age"],
      previous,
      stamp: 9,
      journal: fixture.journal,
    });
    // Only the changed keys: core merges them into the dictionary key by key.
    expect(stamps).toEqual({ fieldStamps: { age: 9 }, lastUpdated: 9 });
    expect(strategy.recorder.latestStamp(previous!)).toBe(5);
  });

  it("copies each field stamped after LastSynced alone, so concurrent edits of different fields both survive", async () => {
    fixture.local.write(() =>
      fixture.local.create("Dog", {
        _id: "1",
        name: "Rex",
        age: 2,
        fieldStamps: { name: T(10), age: T(30) },
      }),
    );
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", {
        _id: "1",
        name: "Max",
        age: 1,
        fieldStamps: { name: T(40), age: T(10) },
      }),
    );
    const { report } = await recover(T(20));
    expect(dog(fixture.fresh)).toMatchObject({
      name: "Max",
      age: 2,
      fieldStamps: { name: T(40), age: T(30) },
    });
    expect(report).toMatchObject({ strategy: "field", upserted: 1, fieldsWritten: 1, skipped: [] });
  });

  it("never clobbers a newer remote value of the same field", async () => {
    fixture.local.write(() =>
      fixture.local.create("Dog", { _id: "1", name: "Local", fieldStamps: { name: T(30) } }),
    );
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "1", name: "Remote", fieldStamps: { name: T(35) } }),
    );
    const { report } = await recover(T(20));
    expect(dog(fixture.fresh)).toMatchObject({ name: "Remote" });
    expect(report.skipped).toEqual([
      { type: "Dog", primaryKey: "1", property: "name", reason: "remote field is newer" },
    ]);
  });

  it("creates a locally created object whole, with its stamps", async () => {
    fixture.local.write(() =>
      fixture.local.create("Dog", {
        _id: "2",
        name: "New",
        age: 3,
        tags: ["a"],
        fieldStamps: { name: T(30), age: T(30), tags: T(30) },
      }),
    );
    await recover(T(20));
    expect(dog(fixture.fresh, "2")).toMatchObject({
      name: "New",
      age: 3,
      tags: ["a"],
      fieldStamps: { name: T(30), age: T(30), tags: T(30) },
    });
  });

  it("treats a list as one field", async () => {
    fixture.local.write(() =>
      fixture.local.create("Dog", { _id: "1", name: "Rex", tags: ["x", "y"], fieldStamps: { tags: T(30) } }),
    );
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "1", name: "Rex", tags: ["z"], fieldStamps: { tags: T(10) } }),
    );
    await recover(T(20));
    expect(dog(fixture.fresh)).toMatchObject({ tags: ["x", "y"] });
  });

  it("recovers every field of every object when the realm never synced, without clobbering stamped remote fields", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Local", age: 4 }));
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "1", name: "Remote", age: 1, fieldStamps: { name: T(5) } }),
    );
    await recover(null);
    expect(dog(fixture.fresh)).toMatchObject({ name: "Remote", age: 4 });
  });

  it("re-applies a local delete unless a field was written remotely after it", async () => {
    fixture.fresh.write(() => {
      fixture.fresh.create("Dog", { _id: "1", name: "Old", fieldStamps: { name: T(10) } });
      fixture.fresh.create("Dog", { _id: "2", name: "Touched", fieldStamps: { name: T(10), age: T(40) } });
    });
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "1", deletedAt: T(30) });
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "2", deletedAt: T(30) });
    const { report } = await recover(T(20));
    expect(dog(fixture.fresh, "1")).toBeUndefined();
    expect(dog(fixture.fresh, "2")).toBeDefined();
    expect(report.deleted).toBe(1);
  });

  it("emits progress per batch", async () => {
    fixture.local.write(() => {
      for (let i = 0; i < 3; i++)
        fixture.local.create("Dog", { _id: String(i), name: "d", fieldStamps: { name: T(30) } });
    });
    const { events } = await recover(T(20));
    expect(
      events.filter((e) => e.type === "recovery-progress").map((e) => (e as { done: number }).done),
    ).toEqual([2, 3]);
  });

  it("rejects invalid options with a typed error", () => {
    expect(() => new FieldStrategy({ stampsProperty: "1x" })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});
