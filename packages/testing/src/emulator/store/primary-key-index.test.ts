import { ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { PrimaryKeyIndex } from "./primary-key-index.js";
import { Row } from "./row.js";

describe("PrimaryKeyIndex", () => {
  const row = (key: number) => new Row("Dog", key, {});

  it("keeps string and integer keys apart and treats 1 and 1n as one key", () => {
    const index = new PrimaryKeyIndex();
    const text = row(1);
    const integer = row(2);
    index.set("1", text);
    index.set(1, integer);
    expect(index.get("1")).toBe(text);
    expect(index.get(1)).toBe(integer);
    expect(index.get(1n)).toBe(integer);
    index.delete(1n);
    expect(index.get(1)).toBeUndefined();
    expect(index.get("1")).toBe(text);
  });

  it("finds object ids by value, null, and integers beyond the safe range", () => {
    const index = new PrimaryKeyIndex();
    const id = new ObjectId();
    const big = 2n ** 60n;
    index.set(id, row(1));
    index.set(null, row(2));
    index.set(big, row(3));
    expect(index.get(new ObjectId(id.toHexString()))?.key).toBe(1);
    expect(index.get(null)?.key).toBe(2);
    expect(index.get(2n ** 60n)?.key).toBe(3);
    index.delete(id);
    expect(index.get(id)).toBeUndefined();
  });
});
