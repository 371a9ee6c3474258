import { type ObjectSchemaLike } from "@realm-recovery/core";
import { StrategyFixture } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CREATE_ENTRY } from "./changelog-recorder.js";
import { changelogStrategy } from "./changelog-strategy.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const schema = [Dog];
const strategy = changelogStrategy();

let fixture: StrategyFixture;
beforeEach(async () => {
  fixture = await StrategyFixture.create(schema);
});
afterEach(() => fixture.dispose());

const recover = (lastSyncedAt: number | null, objectTypes?: string[]) =>
  fixture.recover(strategy, lastSyncedAt, objectTypes);

const log = (primaryKey: string, property: string | null, stamp: number) =>
  fixture.journal.appendChanges([{ objectType: "Dog", primaryKey, property, stamp }]);
const dog = (id = "1") => fixture.fresh.objectForPrimaryKey("Dog", id)?.toJSON();

describe("ChangelogStrategy", () => {
  it("logs tracked writes in the fixture.journal instead of stamping objects, one entry per object and property", () => {
    expect(strategy.schema(Dog)).toBe(Dog);
    strategy.recorder.recordUpsert({
      objectType: "Dog",
      primaryKey: "1",
      changed: ["age"],
      previous: null,
      stamp: 5,
      journal: fixture.journal,
    });
    strategy.recorder.recordUpsert({
      objectType: "Dog",
      primaryKey: "1",
      changed: ["age", "name"],
      previous: null,
      stamp: 7,
      journal: fixture.journal,
    });
    strategy.recorder.recordDelete({
      objectType: "Dog",
      primaryKey: "2",
      stamp: 8,
      journal: fixture.journal,
    });
    expect(fixture.journal.changes(null)).toEqual([
      { objectType: "Dog", primaryKey: "1", property: CREATE_ENTRY, stamp: 7 },
      { objectType: "Dog", primaryKey: "1", property: "age", stamp: 7 },
      { objectType: "Dog", primaryKey: "1", property: "name", stamp: 7 },
      { objectType: "Dog", primaryKey: "2", property: null, stamp: 8 },
    ]);
  });

  it("replays only the logged properties after LastSynced, with the backup's latest values", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Local name", age: 2 }));
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Remote name", age: 1 }));
    log("1", "age", 30);
    log("1", "name", 10);
    const { report } = await recover(20);
    expect(dog()).toMatchObject({ name: "Remote name", age: 2 });
    expect(report).toMatchObject({ upserted: 1, fieldsWritten: 1 });
  });

  it("creates a locally created object whole", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "2", name: "New", age: 3 }));
    log("2", CREATE_ENTRY, 30);
    log("2", "name", 30);
    const { report } = await recover(20);
    expect(dog("2")).toEqual({ _id: "2", name: "New", age: 3 });
    expect(report.records).toEqual([
      expect.objectContaining({ primaryKey: "2", action: "create", rule: "local-create" }),
    ]);
  });

  it("re-applies a logged delete even when no LastSynced was recorded", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "2", name: "Kept", age: 1 }));
    fixture.fresh.write(() => {
      fixture.fresh.create("Dog", { _id: "1", name: "Deleted locally" });
      fixture.fresh.create("Dog", { _id: "9", name: "Never downloaded" });
    });
    log("1", null, 30);
    const { report } = await recover(null);
    expect(dog("1")).toBeUndefined();
    expect(dog("9")).toBeDefined();
    expect(dog("2")).toEqual({ _id: "2", name: "Kept", age: 1 });
    expect(report.deleted).toBe(1);
  });

  it("lets a server delete beat a logged update of an object it created earlier (Realm's rule)", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "2", name: "Updated offline", age: 3 }));
    log("2", "name", 30);
    const { report } = await recover(20);
    expect(dog("2")).toBeUndefined();
    expect(report.records).toEqual([
      expect.objectContaining({ primaryKey: "2", action: "skip", rule: "remote-delete-wins" }),
    ]);
  });

  it("re-applies a logged delete, and never infers one from an object missing in the backup", async () => {
    fixture.fresh.write(() => {
      fixture.fresh.create("Dog", { _id: "1", name: "Deleted locally" });
      fixture.fresh.create("Dog", { _id: "9", name: "Never downloaded" });
    });
    log("1", null, 30);
    const { report } = await recover(20);
    expect(dog("1")).toBeUndefined();
    expect(dog("9")).toBeDefined();
    expect(report.deleted).toBe(1);
  });

  it("is pruned once LastSynced passes its entries, so it stays bounded by unsynced work", () => {
    log("1", "age", 10);
    log("1", "name", 30);
    fixture.journal.prune(20);
    expect(fixture.journal.changes(null).map((e) => e.property)).toEqual(["name"]);
  });

  it("recovers every backup object whole when the realm never synced", async () => {
    fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Local", age: 4 }));
    fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "1", name: "Remote", age: 1 }));
    await recover(null);
    expect(dog()).toEqual({ _id: "1", name: "Local", age: 4 });
  });
});

describe("ChangelogStrategy under newer-wins (remote writes dated by its synced stamp model)", () => {
  const newer = changelogStrategy({ conflictPolicy: "newer-wins" });
  const model = newer.models()[0]!;
  let stamped: StrategyFixture;
  beforeEach(async () => {
    stamped = await StrategyFixture.create([Dog, model]);
  });
  afterEach(() => stamped.dispose());

  const logStamped = (primaryKey: string, property: string | null, stamp: number) =>
    stamped.journal.appendChanges([{ objectType: "Dog", primaryKey, property, stamp }]);
  const stampsIn = (realm: StrategyFixture["fresh"], id = "1") =>
    (
      realm.objectForPrimaryKey(model.name, `Dog:s:${id}`)?.stamps as { toJSON(): unknown } | undefined
    )?.toJSON();
  const write = (
    realm: StrategyFixture["fresh"],
    dog: Record<string, unknown>,
    stamps: Record<string, number>,
  ) =>
    realm.write(() => {
      realm.create("Dog", dog, "modified");
      realm.create(model.name, { _id: `Dog:s:${String(dog._id)}`, stamps }, "modified");
    });

  it("adds one model of its own and records the stamps of exactly the changed fields there, key by key", () => {
    expect(newer.schema(Dog)).toBe(Dog);
    expect(model).toEqual({
      name: "RecoveryFieldStamp",
      primaryKey: "_id",
      properties: { _id: "string", stamps: "int{}" },
    });
    const upsert = (changed: string[], stamp: number) =>
      stamped.fresh.write(() =>
        newer.recorder.recordUpsert({
          objectType: "Dog",
          primaryKey: "1",
          changed,
          previous: null,
          stamp,
          journal: stamped.journal,
          realm: stamped.fresh,
        }),
      );
    upsert(["name", "age"], 5);
    upsert(["age"], 9);
    const dog = stamped.fresh.write(() => stamped.fresh.create("Dog", { _id: "1", name: "Rex" }));
    expect(
      newer.recorder.latestStamp(dog, { objectType: "Dog", primaryKey: "1", realm: stamped.fresh }),
    ).toBe(9);
    expect(stampsIn(stamped.fresh)).toEqual({ name: 5, age: 9 });
    // A tracked delete takes the object's stamps with it: the model stays bounded by live objects.
    stamped.fresh.write(() =>
      newer.recorder.recordDelete({
        objectType: "Dog",
        primaryKey: "1",
        stamp: 11,
        journal: stamped.journal,
        realm: stamped.fresh,
      }),
    );
    expect(stampsIn(stamped.fresh)).toBeUndefined();
  });

  it("replays a logged field only over an older remote write of it, and records the written stamps", async () => {
    write(stamped.local, { _id: "1", name: "Local name", age: 2 }, { name: 10, age: 30 });
    write(stamped.fresh, { _id: "1", name: "Remote name", age: 1 }, { name: 40, age: 5 });
    logStamped("1", "age", 30);
    logStamped("1", "name", 25);
    const { report } = await stamped.recover(newer, 20);
    expect(stamped.fresh.objectForPrimaryKey("Dog", "1")?.toJSON()).toEqual({
      _id: "1",
      name: "Remote name",
      age: 2,
    });
    expect(stampsIn(stamped.fresh)).toEqual({ name: 40, age: 30 });
    expect(report.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ property: "age", action: "update", rule: "local-newer", remoteStamp: 5 }),
        expect.objectContaining({ property: "name", action: "skip", rule: "remote-newer", remoteStamp: 40 }),
      ]),
    );
  });

  it("keeps an object written remotely after the logged delete, and re-applies the delete otherwise", async () => {
    write(stamped.fresh, { _id: "1", name: "Renamed later", age: 1 }, { name: 50 });
    write(stamped.fresh, { _id: "2", name: "Older", age: 1 }, { name: 10 });
    logStamped("1", null, 30);
    logStamped("2", null, 30);
    const { report } = await stamped.recover(newer, 20);
    expect(stamped.fresh.objectForPrimaryKey("Dog", "1")).not.toBeNull();
    expect(stamped.fresh.objectForPrimaryKey("Dog", "2")).toBeNull();
    expect(report.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ primaryKey: "1", action: "skip", rule: "remote-written-after-delete" }),
        expect.objectContaining({ primaryKey: "2", action: "delete", rule: "local-delete" }),
      ]),
    );
  });

  it("merges a never-synced realm field by field against the remote stamps", async () => {
    write(stamped.local, { _id: "1", name: "Local name", age: 4 }, { name: 10, age: 60 });
    write(stamped.fresh, { _id: "1", name: "Remote name", age: 1 }, { name: 40, age: 5 });
    await stamped.recover(newer, null);
    expect(stamped.fresh.objectForPrimaryKey("Dog", "1")?.toJSON()).toEqual({
      _id: "1",
      name: "Remote name",
      age: 4,
    });
    expect(stampsIn(stamped.fresh)).toEqual({ name: 40, age: 60 });
  });
});

describe("ChangelogStrategy with only a logged delete of an object the backup has again", () => {
  it.each(["client-wins", "newer-wins"] as const)(
    "recovers nothing under %s when the server deleted it (nothing unsynced is left)",
    async (conflictPolicy) => {
      const strategy = changelogStrategy({ conflictPolicy });
      const fixture = await StrategyFixture.create([Dog, ...strategy.models()]);
      try {
        fixture.local.write(() => fixture.local.create("Dog", { _id: "1", name: "Back again", age: 1 }));
        fixture.journal.appendChanges([{ objectType: "Dog", primaryKey: "1", property: null, stamp: 30 }]);
        const { report } = await fixture.recover(strategy, 20);
        expect(fixture.fresh.objectForPrimaryKey("Dog", "1")).toBeNull();
        expect(report.upserted).toBe(0);
      } finally {
        fixture.dispose();
      }
    },
  );
});
