import { RealmEmulator } from "@realm-recovery/testing";
import { afterEach, describe, expect, it } from "vitest";
import { HybridLogicalClock } from "../clock/hybrid-logical-clock.js";
import type { ClientResetStrategy, StampedUpsert } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { RealmLike } from "../contracts/realm-like.js";
import { TrackedTypes } from "./tracked-types.js";
import { runTrackedWrite } from "./tracked-write.js";

const schema = [
  {
    name: "Dog",
    primaryKey: "_id",
    properties: {
      _id: "string",
      name: "string",
      age: "int",
      tags: "string[]",
      stamp: "int?",
      stamps: "int{}",
    },
  },
];

function setup() {
  const realm = new RealmEmulator({
    path: `tracked-${Math.random()}.realm`,
    schema,
    inMemory: true,
    sync: {},
  });
  const upserts: StampedUpsert[] = [];
  const strategy = {
    name: "test",
    recorder: {
      recordUpsert: (write: StampedUpsert) => {
        upserts.push(write);
        const extra: Record<string, unknown> = {};
        extra.stamp = write.stamp;
        if (write.changed.length > 0)
          extra.stamps = Object.fromEntries(write.changed.map((field) => [field, write.stamp]));
        return extra;
      },
      latestStamp: (object: Record<string, unknown>) => (object.stamp as number | null) ?? null,
    },
  } as unknown as ClientResetStrategy;
  const deps = {
    realm: realm as unknown as RealmLike,
    strategy,
    clock: new HybridLogicalClock(() => 1_000),
    journal: { batch: <T>(fn: () => T) => fn() } as Journal,
    types: new TrackedTypes(realm as unknown as RealmLike, new Set(["Dog"])),
  };
  /** Properties written by each commit, from the sync instructions. */
  const written: string[][] = [];
  realm.store.observe((commit) =>
    written.push(commit.instructions.map((i) => (i.op === "set" ? i.property : i.op))),
  );
  return { realm, deps, upserts, written };
}

describe("runTrackedWrite", () => {
  let realm: RealmEmulator | undefined;
  afterEach(() => realm?.close());

  it("sets only an update's changed plain values and its stamps, newer than the object's stamp", () => {
    const env = setup();
    realm = env.realm;
    runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1, tags: ["a"] }));
    const created = realm.objectForPrimaryKey("Dog", "1")!.stamp as number;
    runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { name: "Rex", age: 2 }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    expect(dog.age).toBe(2);
    expect(dog.stamp).toBeGreaterThan(created);
    expect(env.upserts[0]!.changed).toEqual(["name", "age", "tags"]);
    expect(env.upserts[1]!.changed).toEqual(["age"]);
    expect(env.written[1]!.sort()).toEqual(["age", "dictionary-set", "stamp"]);
  });

  it("reads the wall clock once per transaction; its writes get strictly increasing stamps past every stamp seen", () => {
    const env = setup();
    realm = env.realm;
    let wallReads = 0;
    const deps = {
      ...env.deps,
      clock: new HybridLogicalClock(() => {
        wallReads++;
        return 1_000;
      }),
    };
    const ahead = 5_000_000; // a stamp from a device whose clock runs ahead
    realm.write(() => realm!.create("Dog", { _id: "ahead", name: "Ace", age: 1, stamp: ahead }));
    runTrackedWrite(deps, (tx) => {
      tx.create("Dog", { _id: "1", name: "Rex", age: 1 });
      tx.create("Dog", { _id: "2", name: "Max", age: 1 });
      tx.update("Dog", "ahead", { age: 2 });
      tx.create("Dog", { _id: "3", name: "Bo", age: 1 });
    });
    expect(wallReads).toBe(1);
    const stamps = env.upserts.map((write) => write.stamp);
    expect(stamps).toEqual([1_000_000, 1_000_001, ahead + 1, ahead + 2]);
    runTrackedWrite(deps, (tx) => tx.update("Dog", "1", { age: 5 }));
    expect(wallReads).toBe(2);
    expect(env.upserts[4]!.stamp).toBe(ahead + 3);
  });

  it("merges a recorder's dictionary entries into the object's dictionary key by key, never assigning it", () => {
    const env = setup();
    realm = env.realm;
    runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { age: 2 }));
    runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { tags: ["a"], name: "Max" }));
    runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", age: 3 }, "modified"));
    const [created, aged, tagged, upserted] = env.upserts.map((write) => write.stamp);
    const stamps = (realm.objectForPrimaryKey("Dog", "1")!.stamps as { toJSON(): unknown }).toJSON();
    expect(stamps).toEqual({ name: tagged, age: upserted, tags: tagged });
    expect(aged).toBeGreaterThan(created!);
    // Synced: one instruction per changed key, no whole-dictionary set after the create.
    const dictionaryWrites = env.written
      .slice(1)
      .flat()
      .filter((op) => op.startsWith("dictionary") || op === "stamps");
    expect(dictionaryWrites).toEqual([
      "dictionary-set",
      "dictionary-set",
      "dictionary-set",
      "dictionary-set",
    ]);
  });

  it("writes lists and other non-plain values through create(modified)", () => {
    const env = setup();
    realm = env.realm;
    runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1, tags: ["a"] }));
    runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { tags: ["a", "b"], age: 3 }));
    const dog = realm.objectForPrimaryKey("Dog", "1")!;
    expect([...(dog.tags as Iterable<string>)]).toEqual(["a", "b"]);
    expect(dog.age).toBe(3);
    expect(env.written[1]!.sort()).toEqual(["age", "dictionary-set", "dictionary-set", "stamp", "tags"]);
  });

  it("leaves the caller's values untouched", () => {
    const env = setup();
    realm = env.realm;
    const values = { _id: "1", name: "Rex", age: 1 };
    const changes = { age: 2 };
    runTrackedWrite(env.deps, (tx) => tx.create("Dog", values));
    runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", changes));
    expect(values).toEqual({ _id: "1", name: "Rex", age: 1 });
    expect(changes).toEqual({ age: 2 });
  });

  describe("with declared stamps", () => {
    /** The setup's realm and deps, with a recorder that declares its stamps and fails if called. */
    function declaring() {
      const env = setup();
      const calls: string[] = [];
      const strategy = {
        name: "declaring",
        recorder: {
          stamps: { fields: "stamps", updated: "stamp" },
          recordUpsert: () => {
            calls.push("recordUpsert");
            return {};
          },
          latestStamp: () => {
            calls.push("latestStamp");
            return null;
          },
        },
      } as unknown as ClientResetStrategy;
      return { ...env, calls, deps: { ...env.deps, strategy } };
    }

    it("writes the declared stamps itself, without calling the recorder", () => {
      const env = declaring();
      realm = env.realm;
      runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
      runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { name: "Rex", age: 2 }));
      const dog = realm.objectForPrimaryKey("Dog", "1")!;
      expect(dog.age).toBe(2);
      expect(dog.stamp).toBe(1_000_001);
      expect((dog.stamps as { toJSON(): unknown }).toJSON()).toEqual({ name: 1_000_000, age: 1_000_001 });
      expect(env.written[1]!.sort()).toEqual(["age", "dictionary-set", "stamp"]);
      expect(env.calls).toEqual([]);
    });

    it("stamps a write past the stamps it overwrites: the changed fields', not the others'", () => {
      const env = declaring();
      realm = env.realm;
      const ahead = 5_000_000; // a field stamp synced from a device whose clock runs ahead
      realm.write(() =>
        realm!.create("Dog", {
          _id: "1",
          name: "Rex",
          age: 1,
          stamp: 1_000,
          stamps: { name: ahead, age: 1_000 },
        }),
      );
      runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { age: 2 }));
      const dog = realm.objectForPrimaryKey("Dog", "1")!;
      expect(dog.stamp).toBe(1_000_000);
      runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { name: "Max" }));
      expect(dog.stamp).toBe(ahead + 1);
      expect((dog.stamps as { toJSON(): unknown }).toJSON()).toEqual({ name: ahead + 1, age: 1_000_000 });
    });

    it("stamps a delete past every field stamp of the object", () => {
      const env = declaring();
      realm = env.realm;
      const tombstones: { deletedAt: number }[] = [];
      const journal = {
        batch: <T>(fn: () => T) => fn(),
        recordTombstone: (t: { deletedAt: number }) => tombstones.push(t),
      };
      const ahead = 5_000_000;
      realm.write(() =>
        realm!.create("Dog", { _id: "1", name: "Rex", age: 1, stamp: 1_000, stamps: { name: ahead } }),
      );
      runTrackedWrite({ ...env.deps, journal: journal as unknown as Journal }, (tx) => tx.delete("Dog", "1"));
      expect(tombstones.map((t) => t.deletedAt)).toEqual([ahead + 1]);
    });

    it("writes declared stamps with values that cannot be set directly, through create(modified)", () => {
      const env = declaring();
      realm = env.realm;
      runTrackedWrite(env.deps, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1, tags: ["a"] }));
      runTrackedWrite(env.deps, (tx) => tx.update("Dog", "1", { tags: ["a", "b"] }));
      const dog = realm.objectForPrimaryKey("Dog", "1")!;
      expect([...(dog.tags as Iterable<string>)]).toEqual(["a", "b"]);
      expect((dog.stamps as { toJSON(): unknown }).toJSON()).toEqual({
        name: 1_000_000,
        age: 1_000_000,
        tags: 1_000_001,
      });
      expect(env.calls).toEqual([]);
    });
  });
});
