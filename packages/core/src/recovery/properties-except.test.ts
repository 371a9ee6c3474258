import { describe, expect, it } from "vitest";
import type { CanonicalObjectSchemaLike } from "../contracts/realm-like.js";
import { propertiesExcept } from "./properties-except.js";

const dog: CanonicalObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: {
    _id: { name: "_id", type: "string", optional: false },
    name: { name: "name", type: "string", optional: false },
    lastUpdated: { name: "lastUpdated", type: "int", optional: true },
  },
} as unknown as CanonicalObjectSchemaLike;

describe("propertiesExcept", () => {
  it("lists the schema's properties other than the excluded ones, in schema order", () => {
    expect(propertiesExcept(dog, ["lastUpdated"])).toEqual(["_id", "name"]);
    expect(propertiesExcept(dog, [])).toEqual(["_id", "name", "lastUpdated"]);
  });

  it("returns the same frozen list for the same schema and exclusion list", () => {
    const own = ["lastUpdated"];
    const first = propertiesExcept(dog, own);
    expect(propertiesExcept(dog, own)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(propertiesExcept(dog, ["name"])).toEqual(["_id", "lastUpdated"]);
  });
});
