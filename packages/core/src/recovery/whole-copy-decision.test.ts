import { describe, expect, it } from "vitest";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import { wholeCopyDecision } from "./whole-copy-decision.js";

const source = { _id: "1", name: "Rex" } as unknown as RealmObjectLike;

describe("wholeCopyDecision", () => {
  it("copies the source whole, reusing the record's local values, with one record", () => {
    const local = { _id: "1", name: "Rex" };
    const decision = wholeCopyDecision(
      source,
      { objectType: "Dog", primaryKey: "1", local },
      "create",
      "local-create",
    );
    expect(decision).toEqual({
      action: "create",
      primaryKey: "1",
      source,
      sourceValues: local,
      records: [
        {
          objectType: "Dog",
          primaryKey: "1",
          action: "create",
          local,
          resolved: local,
          rule: "local-create",
        },
      ],
    });
    expect(decision.sourceValues).toBe(local);
  });

  it("reads nothing ahead when no record values were read, and carries related entries", () => {
    const related = [{ type: "Stamps", key: { _id: "Dog/1" }, dictionaries: { stamps: { name: 5 } } }];
    const decision = wholeCopyDecision(
      source,
      { objectType: "Dog", primaryKey: "1" },
      "update",
      "never-synced",
      { related },
    );
    expect(decision.sourceValues).toBeUndefined();
    expect(decision.related).toBe(related);
    expect(decision.records).toEqual([
      { objectType: "Dog", primaryKey: "1", action: "update", rule: "never-synced" },
    ]);
  });
});
