import { RealmEmulator } from "@realm-recovery/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike, RealmLike } from "../contracts/realm-like.js";
import { PropertyKinds } from "./property-kinds.js";

const schema: ObjectSchemaLike[] = [
  { name: "Owner", primaryKey: "_id", properties: { _id: "string" } },
  {
    name: "Dog",
    primaryKey: "_id",
    properties: {
      _id: "string",
      name: "string",
      age: "int",
      weight: "double?",
      good: "bool",
      born: "date",
      tags: "string[]",
      owner: "Owner?",
      stamps: "int{}",
    },
  },
];

const opened: RealmEmulator[] = [];
afterEach(() => {
  for (const realm of opened.splice(0)) realm.close();
});

function dogKinds(): PropertyKinds {
  const realm = new RealmEmulator({ path: `kinds-${Math.random()}.realm`, schema, inMemory: true });
  opened.push(realm);
  return new PropertyKinds((realm as unknown as RealmLike).schema.find((type) => type.name === "Dog"));
}

describe("PropertyKinds", () => {
  it("names only dictionary properties as dictionaries", () => {
    const kinds = dogKinds();
    expect(kinds.isDictionary("stamps")).toBe(true);
    for (const property of ["name", "tags", "owner", "born", "missing"])
      expect(kinds.isDictionary(property)).toBe(false);
  });

  it("keeps isDictionary bound, so it can be handed on alone", () => {
    const { isDictionary } = dogKinds();
    expect(["age", "stamps"].filter(isDictionary)).toEqual(["stamps"]);
  });

  it("lets plain values of plain scalar properties be set directly", () => {
    const kinds = dogKinds();
    const values = { name: "Rex", age: 3, weight: null, good: true };
    expect(kinds.canSet(values, ["name", "age", "weight", "good"])).toBe(true);
    expect(kinds.canSet(values, [])).toBe(true);
  });

  it("refuses links, lists, dates, dictionaries and unknown properties", () => {
    const kinds = dogKinds();
    const values = { tags: ["a"], owner: { _id: "o" }, born: new Date(0), stamps: {}, missing: 1 };
    for (const key of Object.keys(values)) expect(kinds.canSet(values, [key])).toBe(false);
  });

  it("refuses a non-scalar value for a scalar property", () => {
    const kinds = dogKinds();
    expect(kinds.canSet({ name: { first: "Rex" } }, ["name"])).toBe(false);
    expect(kinds.canSet({ age: 1n }, ["age"])).toBe(false);
  });

  it("accepts recorder extras of plain scalars and plain dictionary entries only", () => {
    const kinds = dogKinds();
    expect(kinds.canSetExtra({ age: 4, stamps: { age: 7 } })).toBe(true);
    expect(kinds.canSetExtra({ stamps: new Map([["age", 7]]) })).toBe(false);
    expect(kinds.canSetExtra({ stamps: 7 })).toBe(false);
    expect(kinds.canSetExtra({ tags: ["a"] })).toBe(false);
    expect(kinds.canSetExtra({ missing: 1 })).toBe(false);
  });

  it("lets declared stamps be set directly only on scalar stamps and a dictionary of field stamps", () => {
    const kinds = dogKinds();
    expect(kinds.canSetStamps({ updated: "age", fields: "stamps" })).toBe(true);
    expect(kinds.canSetStamps({ updated: "age", created: "weight" })).toBe(true);
    expect(kinds.canSetStamps({ updated: "born" })).toBe(false);
    expect(kinds.canSetStamps({ fields: "tags" })).toBe(false);
    expect(kinds.canSetStamps({ updated: "missing" })).toBe(false);
    // A declaration checked before is answered again for a different one.
    expect(kinds.canSetStamps({ updated: "age", fields: "stamps" })).toBe(true);
  });

  it("treats every property as neither settable nor a dictionary without a schema", () => {
    const kinds = new PropertyKinds(undefined);
    expect(kinds.canSet({ age: 1 }, ["age"])).toBe(false);
    expect(kinds.isDictionary("stamps")).toBe(false);
    expect(kinds.canSetExtra({})).toBe(true);
  });
});
