import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike } from "@realm-recovery/core";
import { RealmEmulator } from "../realm-emulator.js";
import { errorCodeOf } from "../test-support/error-code.js";
import { tempDir } from "../test-support/temp-dir.js";

const Dog: ObjectSchemaLike = { name: "Dog", primaryKey: "_id", properties: { _id: "string", age: "int" } };
const DogWithName: ObjectSchemaLike = { ...Dog, properties: { ...Dog.properties, name: "string?" } };

let dir: { path: string; remove: () => void };
const open: RealmEmulator[] = [];
const openRealm = (file: string, schema: ObjectSchemaLike[]) => {
  const realm = new RealmEmulator({ path: `${dir.path}/${file}`, schema, inMemory: true });
  open.push(realm);
  return realm;
};
const dogIn = (realm: RealmEmulator, age: number) => {
  realm.write(() => realm.create("Dog", { _id: "1", age }));
  return realm.objectForPrimaryKey("Dog", "1")!;
};

beforeEach(() => {
  dir = tempDir();
});

afterEach(() => {
  for (const realm of open.splice(0)) realm.close();
  dir.remove();
});

describe("managed object classes", () => {
  it("are shared by realms of the same shape, each object reading its own realm", () => {
    const first = dogIn(openRealm("a.realm", [Dog]), 1);
    const second = dogIn(openRealm("b.realm", [{ ...Dog }]), 2);
    // Compared as a boolean: a failing matcher would print the prototype, whose accessors need an object.
    expect(Object.getPrototypeOf(first) === Object.getPrototypeOf(second)).toBe(true);
    expect(first.constructor.name).toBe("Dog");
    expect([first.age, second.age]).toEqual([1, 2]);
  });

  it("differ between shapes, so a property of one shape is not an accessor of the other", () => {
    const plain = dogIn(openRealm("a.realm", [Dog]), 1);
    const named = dogIn(openRealm("b.realm", [DogWithName]), 2);
    expect(Object.getPrototypeOf(plain) === Object.getPrototypeOf(named)).toBe(false);
    expect("name" in plain).toBe(false);
    expect("name" in named).toBe(true);
  });

  it("write through to the object's own realm and check its state", () => {
    const first = openRealm("a.realm", [Dog]);
    const second = openRealm("b.realm", [Dog]);
    const dog = dogIn(first, 1) as Record<string, unknown>;
    dogIn(second, 2);
    first.write(() => (dog.age = 3));
    expect(first.objectForPrimaryKey("Dog", "1")!.age).toBe(3);
    expect(second.objectForPrimaryKey("Dog", "1")!.age).toBe(2);
    // A write outside the object's realm's transaction is refused even while the other realm writes.
    expect(errorCodeOf(() => second.write(() => (dog.age = 4)))).toBeDefined();
    expect(first.objectForPrimaryKey("Dog", "1")!.age).toBe(3);
  });
});
