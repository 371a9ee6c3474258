import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealmEmulator } from "@realm-recovery/testing";
import { describe, expect, it } from "vitest";
import { plainEqual, plainRecord } from "./plain-value.js";

describe("plainRecord / plainValue", () => {
  it("turns links into primary keys and embedded objects, collections and dictionaries into plain data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plain-value-"));
    const realm = await RealmEmulator.open({
      path: join(dir, "plain.realm"),
      schema: [
        { name: "Owner", primaryKey: "_id", properties: { _id: "string", name: "string" } },
        { name: "Tag", embedded: true, properties: { label: "string" } },
        {
          name: "Dog",
          primaryKey: "_id",
          properties: {
            _id: "string",
            stamps: "int{}",
            names: "string[]",
            ages: "int<>",
            owner: "Owner?",
            tag: "Tag?",
            tags: "Tag[]",
            born: "date?",
          },
        },
      ],
    });
    realm.write(() => {
      const owner = realm.create("Owner", { _id: "o1", name: "Ann" });
      realm.create("Dog", {
        _id: "1",
        stamps: { name: 1, age: 2 },
        names: ["Rex"],
        ages: [3],
        owner,
        tag: { label: "good" },
        tags: [{ label: "small" }],
        born: new Date(5),
      });
    });
    expect(plainRecord(realm.objectForPrimaryKey("Dog", "1")!)).toEqual({
      _id: "1",
      stamps: { name: 1, age: 2 },
      names: ["Rex"],
      ages: [3],
      owner: "o1",
      tag: { label: "good" },
      tags: [{ label: "small" }],
      born: new Date(5),
    });
    realm.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("plainEqual", () => {
  it("compares dates by time, hex ids by value, arrays in order and records by keys", () => {
    const id = (hex: string) => ({ toHexString: () => hex });
    expect(plainEqual({ a: [1, { b: new Date(3) }] }, { a: [1, { b: new Date(3) }] })).toBe(true);
    expect(plainEqual(id("ab"), id("ab"))).toBe(true);
    expect(plainEqual(id("ab"), id("cd"))).toBe(false);
    expect(plainEqual([1, 2], [2, 1])).toBe(false);
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(plainEqual(null, undefined)).toBe(false);
    expect(plainEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});
