import { RealmEmulator } from "@realm-recovery/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike } from "../contracts/realm-like.js";
import { copyByPlan, copyPlanFor, plainCopy, schemaMap } from "./plain-copy.js";

const Owner = { name: "Owner", primaryKey: "_id", properties: { _id: "string" } };
const backupDog = {
  name: "Dog",
  primaryKey: "_id",
  properties: {
    _id: "string",
    name: "string",
    age: "int",
    color: "string",
    owner: "Owner?",
    tags: "string[]",
  },
};
const freshDog = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "string", owner: "Owner?", tags: "string[]" },
};

const realms: RealmEmulator[] = [];
const open = (schema: ObjectSchemaLike[]) => {
  const realm = new RealmEmulator({ inMemory: true, path: `plain-copy-${realms.length}.realm`, schema });
  realms.push(realm);
  return realm;
};
afterEach(() => {
  for (const realm of realms.splice(0)) realm.close();
});

describe("plainCopy", () => {
  it("copies scalars as read, re-points links and lists, and reports properties it cannot copy", () => {
    const backup = open([Owner, backupDog]);
    const fresh = open([Owner, freshDog]);
    backup.write(() => {
      backup.create("Dog", {
        _id: "1",
        name: "Rex",
        age: 2,
        color: "red",
        owner: { _id: "o1" },
        tags: ["a"],
      });
    });
    fresh.write(() => fresh.create("Owner", { _id: "o1" }));
    const copy = plainCopy(backup.objectForPrimaryKey("Dog", "1")!, "Dog", fresh, schemaMap(fresh));
    expect(copy.values).toMatchObject({ _id: "1", name: "Rex", tags: ["a"] });
    const owner = copy.values["owner"] as { _id: string; objectSchema(): unknown };
    expect(owner._id).toBe("o1");
    // The fresh realm's object, not the backup's: a managed object never crosses realms.
    expect(owner.objectSchema()).toBe(fresh.objectForPrimaryKey("Owner", "o1")!.objectSchema());
    expect(owner.objectSchema()).not.toBe(backup.objectForPrimaryKey("Owner", "o1")!.objectSchema());
    expect(copy.skipped).toEqual([
      { type: "Dog", primaryKey: "1", property: "age", reason: "property type changed from int to string" },
      { type: "Dog", primaryKey: "1", property: "color", reason: "property missing in the fresh schema" },
    ]);
    expect(copy.unresolvedLinks).toEqual([]);
  });

  it("lists a link whose target is missing in the fresh realm and copies it as null", () => {
    const backup = open([Owner, backupDog]);
    const fresh = open([Owner, freshDog]);
    backup.write(() =>
      backup.create("Dog", { _id: "1", name: "Rex", age: 2, color: "red", owner: { _id: "o1" } }),
    );
    const copy = plainCopy(backup.objectForPrimaryKey("Dog", "1")!, "Dog", fresh, schemaMap(fresh), [
      "owner",
    ]);
    expect(copy.values).toEqual({ owner: null });
    expect(copy.unresolvedLinks).toEqual([
      {
        type: "Dog",
        primaryKey: "1",
        property: "owner",
        reason: "linked Owner is missing in the fresh realm",
      },
    ]);
  });
});

describe("copyPlanFor", () => {
  it("works out a type's copy once per property list, counting the fields besides the primary key", () => {
    const backup = open([Owner, backupDog]);
    const fresh = open([Owner, freshDog]);
    const freshSchemas = schemaMap(fresh);
    const backupSchema = schemaMap(backup).get("Dog")!;
    const plan = copyPlanFor(backupSchema, "Dog", freshSchemas);
    expect(plan.direct).toEqual(["_id", "name"]);
    expect(plan.converted.map(([name]) => name)).toEqual(["owner", "tags"]);
    expect(plan.skipped.map(({ property }) => property)).toEqual(["age", "color"]);
    expect(plan.fieldCount).toBe(3);
    expect(copyPlanFor(backupSchema, "Dog", freshSchemas)).toBe(plan);
    const names = copyPlanFor(backupSchema, "Dog", freshSchemas, ["name"]);
    expect(names).not.toBe(plan);
    expect(names.direct).toEqual(["name"]);
    expect(names.fieldCount).toBe(1);
    // A list of the same length right after is a plan of its own, and the same list again the same.
    expect(copyPlanFor(backupSchema, "Dog", freshSchemas, ["age"]).skipped.map((s) => s.property)).toEqual([
      "age",
    ]);
    expect(copyPlanFor(backupSchema, "Dog", freshSchemas, ["name"])).toBe(names);
  });

  it("gives a property list the same plan again, never another realm's schemas' plan", () => {
    const backup = open([Owner, backupDog]);
    const freshSchemas = schemaMap(open([Owner, freshDog]));
    const sameAsBackup = schemaMap(open([Owner, backupDog]));
    const backupSchema = schemaMap(backup).get("Dog")!;
    const age = Object.freeze(["age"]);
    const plan = copyPlanFor(backupSchema, "Dog", freshSchemas, age);
    expect(copyPlanFor(backupSchema, "Dog", freshSchemas, age)).toBe(plan);
    expect(plan.skipped.map(({ property }) => property)).toEqual(["age"]);
    expect(copyPlanFor(backupSchema, "Dog", sameAsBackup, age).direct).toEqual(["age"]);
    expect(copyPlanFor(backupSchema, "Dog", freshSchemas, age)).toBe(plan);
  });
});

describe("copyByPlan with values already read", () => {
  const Note = {
    name: "Note",
    primaryKey: "_id",
    properties: { _id: "string", text: "string", rank: "int?", extra: "mixed" },
  };

  it("takes known scalars instead of reading them, and reads the rest from the object", () => {
    const backup = open([Note]);
    const fresh = open([Note]);
    backup.write(() => backup.create("Note", { _id: "n", text: "stored", rank: 3, extra: "kept" }));
    const note = backup.objectForPrimaryKey("Note", "n")!;
    const plan = copyPlanFor(note.objectSchema(), "Note", schemaMap(fresh));
    // "known" differs from the stored text only to show which one the copy took.
    const known = { _id: "n", text: "known", extra: "known-mixed" };
    const { values } = copyByPlan(note, "Note", plan, fresh, schemaMap(fresh), known);
    expect(values).toEqual({ _id: "n", text: "known", rank: 3, extra: "kept" });
  });

  it("reads a property whose known value is undefined, and copies an absent one as null", () => {
    const backup = open([Note]);
    const fresh = open([Note]);
    backup.write(() => backup.create("Note", { _id: "n", text: "stored", rank: null, extra: null }));
    const note = backup.objectForPrimaryKey("Note", "n")!;
    const plan = copyPlanFor(note.objectSchema(), "Note", schemaMap(fresh));
    const { values } = copyByPlan(note, "Note", plan, fresh, schemaMap(fresh), { text: undefined });
    expect(values).toEqual({ _id: "n", text: "stored", rank: null, extra: null });
  });
});
