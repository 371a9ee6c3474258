import { type ObjectSchemaLike, type RealmLike, timestampFrom } from "@realm-recovery/core";
import { StrategyFixture } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ObjectStrategy, objectStrategy } from "./object-strategy.js";

const strategy = objectStrategy({ batchSize: 2 });
const Owner: ObjectSchemaLike = {
  name: "Owner",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};
const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?", owner: "Owner?" },
};
const schema = [strategy.schema(Dog), strategy.schema(Owner)];
const T = (ms: number) => timestampFrom(ms);

let fixture: StrategyFixture;
beforeEach(async () => {
  fixture = await StrategyFixture.create(schema);
});
afterEach(() => fixture.dispose());

const recover = (lastSyncedAt: number | null, objectTypes?: string[]) =>
  fixture.recover(strategy, lastSyncedAt, objectTypes);

const dogIn = (realm: RealmLike, id: string) => realm.objectForPrimaryKey("Dog", id)?.toJSON();

describe("ObjectStrategy", () => {
  it("adds an optional int lastUpdated stamp to each schema and stamps writes with it", () => {
    expect(strategy.schema(Dog).properties.lastUpdated).toBe("int?");
    expect(
      strategy.recorder.recordUpsert({
        objectType: "Dog",
        primaryKey: "1",
        changed: ["age"],
        previous: null,
        stamp: 42,
        journal: fixture.journal,
      }),
    ).toEqual({
      lastUpdated: 42,
    });
  });

  it("upserts backup objects stamped after LastSynced and leaves older ones alone", async () => {
    fixture.local.write(() => {
      fixture.local.create("Dog", { _id: "old", name: "Old", lastUpdated: T(10) });
      fixture.local.create("Dog", { _id: "new", name: "New", age: 2, lastUpdated: T(30) });
    });
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "old", name: "Server", lastUpdated: T(5) }));
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "new")).toMatchObject({ name: "New", age: 2, lastUpdated: T(30) });
    expect(dogIn(fixture.fresh, "old")).toMatchObject({ name: "Server" });
    // name, age, owner and lastUpdated: the primary key is not counted as a written field.
    expect(report).toMatchObject({ strategy: "object", upserted: 1, deleted: 0, fieldsWritten: 4 });
  });

  it("never clobbers a fixture.fresh copy whose stamp is newer", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Local", lastUpdated: T(30) }));
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Remote", lastUpdated: T(40) }));
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "1")).toMatchObject({ name: "Remote" });
    expect(report.skipped).toEqual([{ type: "Dog", primaryKey: "1", reason: "remote copy is newer" }]);
  });

  it("recovers every backup object and every explicit local delete when no LastSynced was recorded", async () => {
    fixture.local.write(() => {
      fixture.local.create("Dog", { _id: "1", name: "A" });
      fixture.local.create("Dog", { _id: "2", name: "B", lastUpdated: T(1) });
    });
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "3", name: "Server only" }));
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "3", deletedAt: T(50) });
    const { report } = await recover(null);
    // The tombstone is an explicit local delete: with no LastSynced it still counts (a device can sync
    // without ever recording LastSynced). Nothing is inferred from "3" missing in the backup alone.
    expect(fixture.fresh.objects("Dog").map((d) => d._id)).toEqual(["1", "2"]);
    expect(report.deleted).toBe(1);
  });

  it("re-applies a local delete from its tombstone", async () => {
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Gone", lastUpdated: T(10) }));
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "1", deletedAt: T(30) });
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "1")).toBeUndefined();
    expect(report.deleted).toBe(1);
  });

  it("keeps an object written remotely after the local delete", async () => {
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "1", name: "Rewritten", lastUpdated: T(40) }),
    );
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "1", deletedAt: T(30) });
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "1")).toMatchObject({ name: "Rewritten" });
    expect(report.skipped).toEqual([
      { type: "Dog", primaryKey: "1", reason: "written remotely after the local delete" },
    ]);
  });

  it("never infers a delete from an object missing in the backup", async () => {
    fixture.fresh.write(() =>
      fixture.fresh.create("Dog", { _id: "remote", name: "Never downloaded here", lastUpdated: T(25) }),
    );
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "remote")).toBeDefined();
    expect(report.deleted).toBe(0);
  });

  it("ignores a tombstone whose object is back in the backup (re-created after the delete)", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Again", lastUpdated: T(35) }));
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Server", lastUpdated: T(10) }));
    fixture.journal.recordTombstone({ objectType: "Dog", primaryKey: "1", deletedAt: T(30) });
    await recover(T(20));
    expect(dogIn(fixture.fresh, "1")).toMatchObject({ name: "Again" });
  });

  it("re-points links at the fixture.fresh realm's objects, including objects recovered later in the run", async () => {
    fixture.local.write(() => {
      const owner = fixture.local.create("Owner", { _id: "o", name: "Ann", lastUpdated: T(30) });
      fixture.local.create("Dog", { _id: "1", name: "Rex", owner, lastUpdated: T(30) });
    });
    const { report } = await recover(T(20));
    expect((fixture.fresh.objectForPrimaryKey("Dog", "1")!.owner as { name: string }).name).toBe("Ann");
    expect(report.skipped).toEqual([]);
  });

  it("emits progress per batch and per type, then one report", async () => {
    fixture.local.write(() => {
      for (let i = 0; i < 5; i++)
        fixture.local.create("Dog", { _id: String(i), name: "d", lastUpdated: T(30) });
    });
    const { events } = await recover(T(20), ["Dog"]);
    expect(
      events.map((e) => (e.type === "recovery-progress" ? `${e.objectType} ${e.done}/${e.total}` : e.type)),
    ).toEqual(["Dog 2/5", "Dog 4/5", "Dog 5/5", "recovered"]);
  });

  it("copies what fits when the fresh schema dropped a property and reports the rest", async () => {
    fixture.replaceFresh([
      strategy.schema({ ...Dog, properties: { _id: "string", name: "string", owner: "Owner?" } }),
      strategy.schema(Owner),
    ]);
    fixture.local.write(() =>
      fixture.local.create("Dog", { _id: "1", name: "Rex", age: 3, lastUpdated: T(30) }),
    );
    const { report } = await recover(T(20));
    expect(dogIn(fixture.fresh, "1")).toMatchObject({ name: "Rex" });
    expect(report.skipped).toEqual([
      {
        type: "Dog",
        primaryKey: "1",
        property: "age",
        reason: "property missing in the fresh schema",
      },
    ]);
  });

  it("rejects an invalid stamp property name or batch size with a typed error", () => {
    expect(() => new ObjectStrategy({ stampProperty: "a b" })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
    expect(() => new ObjectStrategy({ batchSize: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});

describe("ObjectStrategy on drifted or older data", () => {
  it("reports a type the fresh schema no longer has instead of failing", async () => {
    fixture.replaceFresh([strategy.schema(Owner)]);
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Rex", lastUpdated: T(30) }));
    const { report } = await recover(T(20));
    expect(report.skipped).toEqual([
      { type: "Dog", reason: "type missing in the fresh schema: 1 object(s) not recovered" },
    ]);
  });

  it("reports a property whose type changed and copies the rest", async () => {
    fixture.replaceFresh([
      strategy.schema({
        ...Dog,
        properties: { _id: "string", name: "string", age: "string?", owner: "Owner?" },
      }),
      strategy.schema(Owner),
    ]);
    fixture.local.write(() =>
      fixture.local.create("Dog", { _id: "1", name: "Rex", age: 3, lastUpdated: T(30) }),
    );
    const { report } = await recover(T(20));
    expect(fixture.fresh.objectForPrimaryKey("Dog", "1")!.name).toBe("Rex");
    expect(report.skipped).toEqual([
      { type: "Dog", primaryKey: "1", property: "age", reason: "property type changed from int? to string?" },
    ]);
  });

  it("reports backup objects written before the stamp existed, which it cannot date", async () => {
    const unstamped = await StrategyFixture.create([Dog, Owner]);
    try {
      unstamped.local.write(() => unstamped.local.create("Dog", { _id: "1", name: "Old" }));
      const { report } = await unstamped.recover(strategy, T(20), ["Dog"]);
      expect(report.upserted).toBe(0);
      expect(report.skipped).toEqual([
        { type: "Dog", reason: 'backup objects have no "lastUpdated" stamp: cannot tell unsynced ones' },
      ]);
    } finally {
      unstamped.dispose();
    }
  });
});
