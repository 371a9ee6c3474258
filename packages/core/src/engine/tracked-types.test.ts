import { describe, expect, it } from "vitest";
import type { CanonicalObjectSchemaLike, RealmLike } from "../contracts/realm-like.js";
import { TrackedTypes } from "./tracked-types.js";

const dog: CanonicalObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: {
    _id: { name: "_id", type: "string", optional: false },
    age: { name: "age", type: "int", optional: false },
    stamps: { name: "stamps", type: "dictionary", objectType: "int", optional: false },
  },
} as unknown as CanonicalObjectSchemaLike;

/** A realm whose schema can grow, counting reads of `schema` (Realm builds it anew on each). */
function realmWith(schema: CanonicalObjectSchemaLike[]) {
  const counter = { reads: 0 };
  const realm = {
    get schema() {
      counter.reads++;
      return schema;
    },
  } as unknown as RealmLike;
  return { realm, counter };
}

describe("TrackedTypes", () => {
  it("reads the schema on a type's first write only", () => {
    const { realm, counter } = realmWith([dog]);
    const types = new TrackedTypes(realm, new Set(["Dog"]));
    const first = types.of("Dog");
    for (let i = 0; i < 5; i++) expect(types.of("Dog")).toBe(first);
    expect(counter.reads).toBe(1);
    expect(first).toMatchObject({ exists: true, primaryKey: "_id", tracked: true });
    expect(first.kinds.canSet({ age: 2 }, ["age"])).toBe(true);
    expect(first.kinds.isDictionary("stamps")).toBe(true);
  });

  it("tells tracked types from others, and looks a missing type up again until the schema has it", () => {
    const schema = [dog];
    const { realm, counter } = realmWith(schema);
    const types = new TrackedTypes(realm, new Set(["Dog"]));
    expect(types.of("Cat")).toMatchObject({ exists: false, tracked: false });
    schema.push({ ...dog, name: "Cat" });
    expect(types.of("Cat")).toMatchObject({ exists: true, primaryKey: "_id", tracked: false });
    types.of("Cat");
    expect(counter.reads).toBe(2);
  });
});
