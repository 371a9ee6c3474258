import { describe, expect, it } from "vitest";
import type { ObjectSchemaLike } from "@realm-recovery/core";
import { join } from "node:path";
import { RealmEmulator } from "../realm-emulator.js";
import { tempDir } from "../test-support/temp-dir.js";
import { normalizeSchema, toCanonical } from "./normalize-schema.js";
import { canonicalObjectSchema, canonicalProperty } from "./schema-shapes.js";

describe("canonicalProperty", () => {
  it("lists Realm's keys in Realm's order, objectType and default only when set", () => {
    const plain = canonicalProperty({
      name: "age",
      type: "int",
      optional: false,
      indexed: false,
      mapTo: "age",
    });
    expect(Object.keys(plain)).toEqual(["name", "type", "optional", "indexed", "mapTo"]);
    const link = canonicalProperty({
      name: "owner",
      type: "object",
      objectType: "Person",
      optional: true,
      indexed: false,
      mapTo: "owner",
    });
    expect(Object.keys(link)).toEqual(["name", "type", "objectType", "optional", "indexed", "mapTo"]);
    const withDefault = canonicalProperty({
      name: "age",
      type: "int",
      optional: false,
      indexed: false,
      mapTo: "age",
      default: 3,
    });
    expect(withDefault).toEqual({
      name: "age",
      type: "int",
      optional: false,
      indexed: false,
      mapTo: "age",
      default: 3,
    });
    expect(Object.keys(withDefault).at(-1)).toBe("default");
  });

  it("copies only the canonical fields of a richer property", () => {
    const [dog] = normalizeSchema([{ name: "Dog", properties: { toys: "string[]" } }]);
    const toys = canonicalProperty(dog!.properties.toys!);
    expect(toys).toEqual({
      name: "toys",
      type: "list",
      objectType: "string",
      optional: false,
      indexed: false,
      mapTo: "toys",
    });
    expect("elementIsObject" in toys).toBe(false);
  });
});

describe("canonicalObjectSchema", () => {
  it("adds primaryKey only when the type has one, and defaults the flags to false", () => {
    const properties = {};
    expect(Object.keys(canonicalObjectSchema({ name: "Dog", primaryKey: "_id" }, properties))).toEqual([
      "name",
      "primaryKey",
      "embedded",
      "asymmetric",
      "properties",
    ]);
    const address = canonicalObjectSchema({ name: "Address", embedded: true }, properties);
    expect(address).toEqual({ name: "Address", embedded: true, asymmetric: false, properties });
    expect("primaryKey" in address).toBe(false);
  });
});

describe("schemas the emulator hands out", () => {
  const schema: ObjectSchemaLike[] = [
    { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", owner: "Person" } },
    { name: "Person", properties: { name: "string" } },
  ];

  it("have the same keys in the same order every time, as Realm's do", () => {
    const dir = tempDir();
    const realm = new RealmEmulator({ path: join(dir.path, "shapes.realm"), schema, inMemory: true });
    try {
      const [first, second] = [realm.schema, realm.schema];
      expect(second).toEqual(first);
      expect(second[0]).not.toBe(first[0]);
      for (const [index, type] of first.entries()) {
        expect(Object.keys(second[index]!)).toEqual(Object.keys(type));
        for (const name of Object.keys(type.properties))
          expect(Object.keys(second[index]!.properties[name]!)).toEqual(Object.keys(type.properties[name]!));
      }
      expect(first[0]!.properties.owner).toEqual({
        name: "owner",
        type: "object",
        objectType: "Person",
        optional: true,
        indexed: false,
        mapTo: "owner",
      });
      expect(first[0]!.properties._id!.indexed).toBe(true);
    } finally {
      realm.close();
      dir.remove();
    }
  });

  it("leave out the emulator's own fields", () => {
    const [dog] = normalizeSchema(schema);
    const canonical = toCanonical(dog!);
    expect("propertyNames" in canonical).toBe(false);
    for (const property of Object.values(canonical.properties))
      expect("elementIsObject" in property).toBe(false);
  });
});
