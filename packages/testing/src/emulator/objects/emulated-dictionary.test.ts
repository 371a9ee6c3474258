import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike } from "@realm-recovery/core";
import { RealmEmulator } from "../realm-emulator.js";
import { errorCodeOf } from "../test-support/error-code.js";
import { tempDir } from "../test-support/temp-dir.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", stamps: "int{}", tags: "string{}" },
};

interface Stamps {
  readonly [key: string]: unknown;
  set(entries: Record<string, unknown>): unknown;
  remove(keys: string | string[]): unknown;
  toJSON(): Record<string, unknown>;
}

let dir: { path: string; remove: () => void };
let realm: RealmEmulator;
const stampsOf = (id = "1") => realm.objectForPrimaryKey("Dog", id)!.stamps as Stamps;

beforeEach(() => {
  dir = tempDir();
  realm = new RealmEmulator({ path: `${dir.path}/dictionary.realm`, schema: [Dog] });
  realm.write(() => realm.create("Dog", { _id: "1", stamps: { name: 1, age: 2 } }));
});

afterEach(() => {
  realm.close();
  dir.remove();
});

describe("EmulatedDictionary.set", () => {
  it("adds and replaces the given keys and keeps the others", () => {
    realm.write(() => stampsOf().set({ age: 5, owner: 7 }));
    expect(stampsOf().toJSON()).toEqual({ name: 1, age: 5, owner: 7 });
  });

  it("rejects a key with a dot or a leading dollar and leaves the dictionary as it was", () => {
    expect(errorCodeOf(() => realm.write(() => stampsOf().set({ age: 9, "a.b": 1 })))).toBe("TYPE_MISMATCH");
    expect(errorCodeOf(() => realm.write(() => stampsOf().set({ $x: 1 })))).toBe("TYPE_MISMATCH");
    expect(stampsOf().toJSON()).toEqual({ name: 1, age: 2 });
  });

  it("rejects a value of the wrong type without a partial write", () => {
    expect(errorCodeOf(() => realm.write(() => stampsOf().set({ age: 3, name: "x" })))).toBe("TYPE_MISMATCH");
    expect(stampsOf().toJSON()).toEqual({ name: 1, age: 2 });
  });

  it("is undone with the rest of a transaction that throws", () => {
    expect(() =>
      realm.write(() => {
        stampsOf().set({ age: 8, owner: 3 });
        stampsOf().remove("name");
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(stampsOf().toJSON()).toEqual({ name: 1, age: 2 });
  });

  it("does not change a dictionary read before the write (values are read live)", () => {
    const before = stampsOf();
    realm.write(() => stampsOf().set({ age: 4 }));
    expect(before.age).toBe(4);
    expect(before.toJSON()).toEqual({ name: 1, age: 4 });
  });
});

describe("dictionary values given to create", () => {
  it("accepts a Map as well as a plain object, with the same key rules", () => {
    realm.write(() => realm.create("Dog", { _id: "2", stamps: new Map([["name", 3]]), tags: { a: "x" } }));
    expect(stampsOf("2").toJSON()).toEqual({ name: 3 });
    expect(
      errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "3", stamps: new Map([["a.b", 1]]) }))),
    ).toBe("TYPE_MISMATCH");
    expect(realm.objectForPrimaryKey("Dog", "3")).toBeNull();
  });

  it("takes only own keys of a plain object, as Object.entries does", () => {
    const inherited = Object.create({ inherited: 1 }) as Record<string, number>;
    inherited.own = 2;
    realm.write(() => realm.create("Dog", { _id: "4", stamps: inherited }));
    expect(stampsOf("4").toJSON()).toEqual({ own: 2 });
  });
});
