import { RealmEmulator } from "@realm-recovery/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { DeclaredStamps } from "../contracts/client-reset-strategy.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { Journal } from "../contracts/journal.js";
import {
  declaredStampValues,
  newestDeclaredStamp,
  recordDeclaredStamps,
  setDeclaredStamps,
} from "./declared-stamps.js";

const FIELD: DeclaredStamps = { fields: "fieldStamps", updated: "lastUpdated", created: "createdAt" };

const opened: RealmEmulator[] = [];
afterEach(() => {
  for (const realm of opened.splice(0)) realm.close();
});

function dogRealm(): RealmEmulator {
  const realm = new RealmEmulator({
    path: `declared-${Math.random()}.realm`,
    inMemory: true,
    schema: [
      {
        name: "Dog",
        primaryKey: "_id",
        properties: {
          _id: "string",
          name: "string",
          age: "int",
          fieldStamps: "int{}",
          lastUpdated: "int?",
          createdAt: "int?",
        },
      },
    ],
  });
  opened.push(realm);
  return realm;
}

describe("newestDeclaredStamp", () => {
  it("is the greatest of the updated stamp and the field stamps, null when there are none", () => {
    expect(newestDeclaredStamp({ lastUpdated: 5, fieldStamps: { name: 9, age: 3 } }, FIELD)).toBe(9);
    expect(newestDeclaredStamp({ lastUpdated: 12, fieldStamps: { name: 9 } }, FIELD)).toBe(12);
    expect(newestDeclaredStamp({ lastUpdated: 7n, fieldStamps: {} }, FIELD)).toBe(7);
    expect(newestDeclaredStamp({ lastUpdated: null, fieldStamps: null }, FIELD)).toBeNull();
    expect(newestDeclaredStamp({ lastUpdated: 4 }, { updated: "lastUpdated" })).toBe(4);
    expect(newestDeclaredStamp({ stamp: 4 }, {})).toBeNull();
  });

  it("reads only the changed properties' field stamps when given them (the ones a write overwrites)", () => {
    const dog = { lastUpdated: 5, fieldStamps: { name: 9, age: 3 } };
    expect(newestDeclaredStamp(dog, FIELD, ["age"])).toBe(5);
    expect(newestDeclaredStamp(dog, FIELD, ["age", "name"])).toBe(9);
    expect(newestDeclaredStamp({ lastUpdated: 2, fieldStamps: { age: 4 } }, FIELD, ["age"])).toBe(4);
    expect(newestDeclaredStamp({ lastUpdated: null, fieldStamps: null }, FIELD, ["age"])).toBeNull();
  });

  it("reads a live object's dictionary", () => {
    const realm = dogRealm();
    const dog = realm.write(() =>
      realm.create("Dog", {
        _id: "1",
        name: "Rex",
        age: 1,
        fieldStamps: { name: 3, age: 8 },
        lastUpdated: 3,
      }),
    );
    expect(newestDeclaredStamp(dog, FIELD)).toBe(8);
    expect(newestDeclaredStamp(dog, FIELD, ["name"])).toBe(3);
  });
});

describe("declaredStampValues", () => {
  it("stamps every property of a create but the primary key and the stamps themselves", () => {
    const values = { _id: "1", name: "Rex", age: 1, lastUpdated: 99 };
    expect(declaredStampValues(FIELD, 7, values, null, "_id")).toEqual({
      fieldStamps: { name: 7, age: 7 },
      lastUpdated: 7,
      createdAt: 7,
    });
  });

  it("puts the stamps into the object it is given, over the values there", () => {
    const values = { _id: "1", name: "Rex", lastUpdated: 99 };
    const copy = { ...values };
    expect(declaredStampValues(FIELD, 7, values, null, "_id", copy)).toBe(copy);
    expect(copy).toEqual({ _id: "1", name: "Rex", lastUpdated: 7, fieldStamps: { name: 7 }, createdAt: 7 });
  });

  it("stamps only the changed properties of an update, and gives no creation stamp", () => {
    expect(declaredStampValues(FIELD, 8, { age: 2, name: "Rex" }, ["age", "fieldStamps"], "_id")).toEqual({
      fieldStamps: { age: 8 },
      lastUpdated: 8,
    });
    expect(declaredStampValues({ updated: "lastUpdated" }, 8, { age: 2 }, ["age"], "_id")).toEqual({
      lastUpdated: 8,
    });
  });
});

describe("recordDeclaredStamps", () => {
  const write = (previous: RealmObjectLike | null, changed: string[]) => ({
    objectType: "Dog",
    primaryKey: "1",
    changed,
    previous,
    stamp: 9,
    journal: {} as Journal,
  });

  it("gives a recorder's recordUpsert the values core writes for a create and for an update", () => {
    const values = { _id: "1", name: "Rex", age: 1 };
    expect(recordDeclaredStamps(FIELD, write(null, ["name", "age"]))).toEqual(
      declaredStampValues(FIELD, 9, values, null, "_id"),
    );
    const previous = values as unknown as RealmObjectLike;
    expect(recordDeclaredStamps(FIELD, write(previous, ["age", "lastUpdated"]))).toEqual({
      fieldStamps: { age: 9 },
      lastUpdated: 9,
    });
  });
});

describe("setDeclaredStamps", () => {
  it("sets the updated stamp and merges the changed fields' stamps into the dictionary key by key", () => {
    const realm = dogRealm();
    const dog: RealmObjectLike = realm.write(() =>
      realm.create("Dog", {
        _id: "1",
        name: "Rex",
        age: 1,
        fieldStamps: { name: 3, age: 3 },
        lastUpdated: 3,
      }),
    );
    realm.write(() => setDeclaredStamps(dog, FIELD, 9, ["age"]));
    expect(dog.lastUpdated).toBe(9);
    expect(dog.createdAt).toBeNull();
    expect((dog.fieldStamps as { toJSON(): unknown }).toJSON()).toEqual({ name: 3, age: 9 });
  });
});
