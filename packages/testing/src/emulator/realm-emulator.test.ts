import { ObjectId } from "bson";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike, RealmObjectLike } from "@realm-recovery/core";
import { RealmEmulator } from "./realm-emulator.js";
import { errorCodeOf } from "./test-support/error-code.js";
import { tempDir } from "./test-support/temp-dir.js";

const Person: ObjectSchemaLike = {
  name: "Person",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", dog: "Dog?" },
};
const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: {
    _id: "string",
    name: "string",
    age: "int?",
    tags: "string[]",
    stamps: "int{}",
    address: "Address?",
    friends: "Dog[]",
    born: "date?",
    ref: "objectId?",
    good: { type: "bool", default: true },
  },
};
const Address: ObjectSchemaLike = {
  name: "Address",
  embedded: true,
  properties: { city: "string", zip: "string?" },
};
const Note: ObjectSchemaLike = { name: "Note", properties: { text: "string" } };
const schema = [Person, Dog, Address, Note];

let dir: { path: string; remove: () => void };
let realm: RealmEmulator;
const open = (extra: Partial<ConstructorParameters<typeof RealmEmulator>[0]> = {}) =>
  new RealmEmulator({ path: `${dir.path}/test.realm`, schema, ...extra });

beforeEach(() => {
  dir = tempDir();
  realm = open();
});
afterEach(() => {
  realm.close();
  dir.remove();
});

describe("write transactions", () => {
  it("throws when writing outside a write transaction, like Realm", () => {
    expect(errorCodeOf(() => realm.create("Dog", { _id: "1", name: "Rex" }))).toBe("NOT_IN_TRANSACTION");
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    expect(() => ((dog as Record<string, unknown>).name = "Max")).toThrow("outside of a write transaction");
  });

  it("rolls back every change when the callback throws", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    expect(() =>
      realm.write(() => {
        realm.create("Dog", { _id: "2", name: "Max" });
        (realm.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 5;
        realm.delete(realm.objectForPrimaryKey("Dog", "1"));
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(realm.objects("Dog").length).toBe(1);
    expect(realm.objectForPrimaryKey("Dog", "1")!.age).toBe(1);
    expect(realm.isInTransaction).toBe(false);
  });

  it("refuses a nested write transaction", () => {
    expect(errorCodeOf(() => realm.write(() => realm.write(() => undefined)))).toBe("ALREADY_IN_TRANSACTION");
  });

  it("returns the callback's value from write", () => {
    expect(realm.write(() => 42)).toBe(42);
  });
});

describe("create and UpdateMode", () => {
  it("throws on an existing primary key with mode never (the default)", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    expect(errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "1", name: "Max" })))).toBe(
      "DUPLICATE_PRIMARY_KEY",
    );
    expect(
      errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "1", name: "Max" }, "never"))),
    ).toBe("DUPLICATE_PRIMARY_KEY");
  });

  it("upserts given properties and keeps the others with modes all and modified", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 3 }));
    realm.write(() => realm.create("Dog", { _id: "1", name: "Max" }, RealmEmulator.UpdateMode.All));
    expect(realm.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({ name: "Max", age: 3 });
    realm.write(() => realm.create("Dog", { _id: "1", age: 4 }, "modified"));
    expect(realm.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({ name: "Max", age: 4 });
  });

  it("notifies only really changed properties with mode modified, but every given one with mode all", async () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 3 }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    const seen: string[][] = [];
    dog.addListener((_o, changes) => seen.push(changes.changedProperties));
    await new Promise((r) => setImmediate(r));
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 4 }, "modified"));
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 4 }, "all"));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([[], ["age"], ["name", "age"]]);
  });

  it("fills defaults, nulls optional properties, and rejects a missing required one", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    expect(realm.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({
      good: true,
      age: null,
      tags: [],
      stamps: {},
    });
    expect(() => realm.write(() => realm.create("Dog", { _id: "2" }))).toThrow(
      "Missing value for property 'Dog.name'",
    );
  });

  it("rejects a value of the wrong type with a typed error", () => {
    expect(errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "1", name: 5 })))).toBe(
      "TYPE_MISMATCH",
    );
    expect(errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "1", name: "x", age: 1.5 })))).toBe(
      "TYPE_MISMATCH",
    );
  });

  it("refuses to change a primary key", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    expect(
      errorCodeOf(() =>
        realm.write(() => ((realm.objectForPrimaryKey("Dog", "1") as Record<string, unknown>)._id = "2")),
      ),
    ).toBe("PRIMARY_KEY_INVALID");
  });
});

describe("primary keys", () => {
  it("objectForPrimaryKey finds objects by key and returns null for unknown keys", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    expect(realm.objectForPrimaryKey("Dog", "1")!.name).toBe("Rex");
    expect(realm.objectForPrimaryKey("Dog", "2")).toBeNull();
  });

  it("objectForPrimaryKey throws for a type without a primary key", () => {
    expect(errorCodeOf(() => realm.objectForPrimaryKey("Note", "x"))).toBe("PRIMARY_KEY_INVALID");
  });

  it("supports ObjectId primary keys", () => {
    const local = new RealmEmulator({
      path: `${dir.path}/oid.realm`,
      schema: [{ name: "Item", primaryKey: "_id", properties: { _id: "objectId", n: "int" } }],
    });
    const id = new ObjectId();
    local.write(() => local.create("Item", { _id: id, n: 1 }));
    expect(local.objectForPrimaryKey("Item", new ObjectId(id.toHexString()))!.n).toBe(1);
    local.close();
  });
});

describe("lists, dictionaries, links and embedded objects", () => {
  it("stores lists and mutates them in place inside a transaction", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", tags: ["a"] }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    const tags = dog.tags as unknown as { push(...v: string[]): number; length: number; [i: number]: string };
    realm.write(() => tags.push("b", "c"));
    expect([...(dog.tags as Iterable<string>)]).toEqual(["a", "b", "c"]);
    expect(tags[1]).toBe("b");
    expect(() => tags.push("d")).toThrow("outside of a write transaction");
  });

  it("stores dictionaries readable as properties and writable with set", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", stamps: { name: 5 } }));
    const stamps = realm.objectForPrimaryKey("Dog", "1")!.stamps as Record<string, unknown> & {
      set(v: object): void;
    };
    expect(stamps.name).toBe(5);
    realm.write(() => stamps.set({ age: 7 }));
    expect(Object.keys(stamps).sort()).toEqual(["age", "name"]);
    expect((realm.objectForPrimaryKey("Dog", "1")!.toJSON() as { stamps: object }).stamps).toEqual({
      name: 5,
      age: 7,
    });
  });

  it("links objects, creating linked objects from plain values", () => {
    realm.write(() => realm.create("Person", { _id: "p", name: "Ann", dog: { _id: "1", name: "Rex" } }));
    const person = realm.objectForPrimaryKey("Person", "p")!;
    expect((person.dog as RealmObjectLike).name).toBe("Rex");
    expect(realm.objects("Dog").length).toBe(1);
  });

  it("nulls links to a deleted object and removes it from lists", () => {
    realm.write(() => {
      const rex = realm.create("Dog", { _id: "1", name: "Rex" });
      realm.create("Dog", { _id: "2", name: "Max", friends: [rex] });
      realm.create("Person", { _id: "p", name: "Ann", dog: rex });
    });
    realm.write(() => realm.delete(realm.objectForPrimaryKey("Dog", "1")));
    expect(realm.objectForPrimaryKey("Person", "p")!.dog).toBeNull();
    expect((realm.objectForPrimaryKey("Dog", "2")!.friends as { length: number }).length).toBe(0);
  });

  it("refuses to link an object of another realm (copy plain values instead)", () => {
    const other = new RealmEmulator({ path: `${dir.path}/other.realm`, schema });
    other.write(() => other.create("Dog", { _id: "1", name: "Rex" }));
    const foreign = other.objectForPrimaryKey("Dog", "1");
    expect(
      errorCodeOf(() => realm.write(() => realm.create("Person", { _id: "p", name: "Ann", dog: foreign }))),
    ).toBe("WRONG_REALM");
    // Creating from a managed object of another realm copies its values.
    realm.write(() => realm.create("Dog", foreign as unknown as Record<string, unknown>));
    expect(realm.objectForPrimaryKey("Dog", "1")!.name).toBe("Rex");
    other.close();
  });

  it("stores embedded objects inside their parent and refuses to create them directly", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", address: { city: "Oslo" } }));
    const address = realm.objectForPrimaryKey("Dog", "1")!.address as RealmObjectLike;
    expect(address.city).toBe("Oslo");
    realm.write(() => ((address as Record<string, unknown>).city = "Bergen"));
    expect((realm.objectForPrimaryKey("Dog", "1")!.toJSON() as { address: object }).address).toEqual({
      city: "Bergen",
      zip: null,
    });
    expect(errorCodeOf(() => realm.write(() => realm.create("Address", { city: "x" })))).toBe(
      "TYPE_MISMATCH",
    );
    realm.write(() => realm.delete(realm.objectForPrimaryKey("Dog", "1")));
    expect(address.isValid()).toBe(false);
  });

  it("makes a deleted object invalid and throws when it is read", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    realm.write(() => realm.delete(dog));
    expect(dog.isValid()).toBe(false);
    expect(errorCodeOf(() => dog.name)).toBe("INVALIDATED");
    expect(errorCodeOf(() => realm.write(() => realm.delete(dog)))).toBe("INVALIDATED");
  });

  it("deletes every object of a result", () => {
    realm.write(() => {
      for (let i = 0; i < 5; i++) realm.create("Dog", { _id: String(i), name: "d", age: i });
    });
    realm.write(() => realm.delete(realm.objects("Dog").filtered("age >= 2")));
    expect(realm.objects("Dog").map((d) => d._id)).toEqual(["0", "1"]);
  });
});

describe("results", () => {
  beforeEach(() => {
    realm.write(() => {
      realm.create("Dog", { _id: "1", name: "Rex", age: 3, tags: ["x"] });
      realm.create("Dog", { _id: "2", name: "Max", age: 7 });
      realm.create("Dog", { _id: "3", name: "rocky", age: null });
    });
  });

  it("filters with the RQL subset and placeholders", () => {
    const dogs = realm.objects("Dog");
    expect(dogs.filtered("age > $0", 4).map((d) => d.name)).toEqual(["Max"]);
    expect(dogs.filtered("name BEGINSWITH[c] 'r' AND NOT (age == null)").map((d) => d.name)).toEqual(["Rex"]);
    expect(dogs.filtered("age == null || tags == 'x'").length).toBe(2);
  });

  it("are live: they see later writes, including uncommitted ones in the transaction", () => {
    const young = realm.objects("Dog").filtered("age < 5");
    expect(young.length).toBe(1);
    realm.write(() => {
      realm.create("Dog", { _id: "4", name: "Pup", age: 1 });
      expect(young.length).toBe(2);
    });
    expect(young.length).toBe(2);
  });

  it("sort, snapshot and index like Realm results", () => {
    const sorted = realm.objects("Dog").sorted("age", true);
    expect(sorted.map((d) => d._id)).toEqual(["2", "1", "3"]);
    expect(sorted[0]!.name).toBe("Max");
    const snapshot = realm.objects("Dog").snapshot();
    realm.write(() => realm.create("Dog", { _id: "9", name: "New" }));
    expect(snapshot.length).toBe(3);
  });

  it("name an unsupported query token in the error", () => {
    expect(() => realm.objects("Dog").filtered("age > 1 SORT(age ASC)")).toThrow(
      /Unsupported RQL token "SORT"/,
    );
  });
});

describe("listeners", () => {
  const tick = () => new Promise((r) => setImmediate(r));

  it("call a collection listener initially and then with correct change sets", async () => {
    realm.write(() => {
      realm.create("Dog", { _id: "1", name: "A" });
      realm.create("Dog", { _id: "2", name: "B" });
      realm.create("Dog", { _id: "3", name: "C" });
    });
    const dogs = realm.objects("Dog");
    const calls: unknown[] = [];
    dogs.addListener((_c, changes) => calls.push(changes));
    await tick();
    realm.write(() => {
      realm.delete(realm.objectForPrimaryKey("Dog", "1"));
      (realm.objectForPrimaryKey("Dog", "3") as Record<string, unknown>).name = "CC";
      realm.create("Dog", { _id: "4", name: "D" });
    });
    await tick();
    expect(calls).toEqual([
      { insertions: [], deletions: [], newModifications: [], oldModifications: [] },
      { insertions: [2], deletions: [0], newModifications: [1], oldModifications: [2] },
    ]);
  });

  it("honour key paths: changes to other properties do not notify", async () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "A", age: 1 }));
    const calls: unknown[] = [];
    realm.objects("Dog").addListener((_c, changes) => calls.push(changes), ["name"]);
    await tick();
    realm.write(() => ((realm.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 2));
    await tick();
    expect(calls).toHaveLength(1);
  });

  it("tell an object listener about deletion", async () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "A" }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    const calls: unknown[] = [];
    dog.addListener((_o, changes) => calls.push(changes));
    realm.write(() => realm.delete(dog));
    await tick();
    expect(calls.at(-1)).toEqual({ deleted: true, changedProperties: [] });
  });

  it("stop after removeListener and leave none behind after removeAllListeners or close", async () => {
    const dogs = realm.objects("Dog");
    const calls: unknown[] = [];
    const listener = () => calls.push(1);
    dogs.addListener(listener);
    await tick();
    dogs.removeListener(listener);
    realm.write(() => realm.create("Dog", { _id: "1", name: "A" }));
    await tick();
    expect(calls).toHaveLength(1);
    dogs.addListener(listener);
    realm.addListener("change", () => calls.push(2));
    expect(realm.listenerCount).toBe(2);
    dogs.removeAllListeners();
    expect(realm.listenerCount).toBe(1);
    realm.close();
    expect(realm.listenerCount).toBe(0);
  });

  it("notify every instance of the same file", async () => {
    const second = open();
    const calls: unknown[] = [];
    second.objects("Dog").addListener((_c, changes) => calls.push(changes.insertions));
    await tick();
    realm.write(() => realm.create("Dog", { _id: "1", name: "A" }));
    await tick();
    expect(calls).toEqual([[], [0]]);
    second.close();
  });
});

describe("files", () => {
  it("persists committed data to the file at path and reads it back after close", () => {
    const id = new ObjectId();
    realm.write(() =>
      realm.create("Dog", {
        _id: "1",
        name: "Rex",
        born: new Date(5),
        ref: id,
        tags: ["a"],
        stamps: { n: 1 },
        address: { city: "Oslo" },
      }),
    );
    realm.close();
    realm = open();
    const dog = realm.objectForPrimaryKey("Dog", "1")!.toJSON() as Record<string, unknown>;
    expect(dog).toMatchObject({
      name: "Rex",
      tags: ["a"],
      stamps: { n: 1 },
      address: { city: "Oslo", zip: null },
    });
    expect((dog.born as Date).getTime()).toBe(5);
    expect((dog.ref as ObjectId).toHexString()).toBe(id.toHexString());
  });

  it("keeps committed writes of a realm that was never closed (a crash)", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    const reopened = new RealmEmulator({ path: realm.path, readOnly: true });
    expect(reopened.objects("Dog").length).toBe(1);
    reopened.close();
  });

  it("opens read-only with the file's schema and refuses writes", () => {
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
    realm.close();
    realm = new RealmEmulator({ path: `${dir.path}/test.realm`, readOnly: true });
    expect(realm.schema.map((s) => s.name).sort()).toEqual(["Address", "Dog", "Note", "Person"]);
    expect(errorCodeOf(() => realm.write(() => undefined))).toBe("READ_ONLY");
  });

  it("fails to open a missing file read-only", () => {
    expect(errorCodeOf(() => new RealmEmulator({ path: `${dir.path}/missing.realm`, readOnly: true }))).toBe(
      "FILE_ACCESS",
    );
  });

  it("reports a corrupt file with a typed error", async () => {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${dir.path}/bad.realm`, "not a realm\n");
    expect(errorCodeOf(() => new RealmEmulator({ path: `${dir.path}/bad.realm`, readOnly: true }))).toBe(
      "FILE_ACCESS",
    );
  });

  it("refuses to open a sync-history file read-write without sync (IncompatibleHistories)", () => {
    const sync = { clientReset: { mode: "manual", onManual: () => undefined } };
    const synced = new RealmEmulator({ path: `${dir.path}/synced.realm`, schema: [Dog, Address], sync });
    synced.close();
    expect(
      errorCodeOf(() => new RealmEmulator({ path: `${dir.path}/synced.realm`, schema: [Dog, Address] })),
    ).toBe("INCOMPATIBLE_HISTORIES");
    const backup = new RealmEmulator({ path: `${dir.path}/synced.realm`, readOnly: true });
    expect(backup.isReadOnly).toBe(true);
    backup.close();
  });

  it("requires an _id primary key on every type of a synced realm", () => {
    expect(
      errorCodeOf(() => new RealmEmulator({ path: `${dir.path}/s.realm`, schema: [Note], sync: {} })),
    ).toBe("SCHEMA_INVALID");
  });

  it("throws at open for manual client-reset mode with neither onManual nor onError", () => {
    expect(
      errorCodeOf(
        () =>
          new RealmEmulator({
            path: `${dir.path}/s.realm`,
            schema: [Dog, Address],
            sync: { clientReset: { mode: "manual" } },
          }),
      ),
    ).toBe("SYNC_CONFIG_INVALID");
  });

  it("deleteFile refuses an open realm and deletes a closed one", () => {
    expect(errorCodeOf(() => RealmEmulator.deleteFile({ path: realm.path }))).toBe("FILE_ACCESS");
    realm.close();
    expect(RealmEmulator.exists({ path: realm.path })).toBe(true);
    RealmEmulator.deleteFile({ path: realm.path });
    expect(RealmEmulator.exists({ path: realm.path })).toBe(false);
  });

  it("adds new schema properties to existing objects on reopen", () => {
    realm.write(() => realm.create("Note", { text: "x" }));
    realm.close();
    realm = new RealmEmulator({
      path: `${dir.path}/test.realm`,
      schema: [Person, Dog, Address, { ...Note, properties: { text: "string", n: "int" } }],
    });
    expect(realm.objects("Note")[0]!.toJSON()).toEqual({ text: "x", n: 0 });
  });
});
