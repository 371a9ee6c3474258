import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile-query.js";
import { QueryError } from "./query-error.js";

type Obj = Record<string, unknown>;
const match = (query: string, object: Obj, ...args: unknown[]): boolean =>
  compileQuery(
    query,
    args,
  )((path) =>
    path.reduce<unknown>((value, key) => (value == null ? undefined : (value as Obj)[key]), object),
  );

class FakeObjectId {
  constructor(private readonly hex: string) {}
  toHexString(): string {
    return this.hex;
  }
}

const errorOf = (query: string, args: unknown[] = []): QueryError => {
  try {
    compileQuery(query, args);
  } catch (error) {
    return error as QueryError;
  }
  throw new Error(`"${query}" compiled`);
};

describe("compileQuery comparisons", () => {
  it("supports every comparison operator and both equality spellings", () => {
    const dog = { age: 3 };
    expect(
      ["age == 3", "age = 3", "age != 4", "age <> 4", "age < 4", "age <= 3", "age > 2", "age >= 3"].every(
        (q) => match(q, dog),
      ),
    ).toBe(true);
    expect(["age == 4", "age != 3", "age < 3", "age > 3"].some((q) => match(q, dog))).toBe(false);
  });

  it("binds $n placeholders on either side", () => {
    expect(match("age > $0", { age: 3 }, 2)).toBe(true);
    expect(match("$0 < age", { age: 3 }, 2)).toBe(true);
    expect(match("5 < age", { age: 3 })).toBe(false);
  });

  it("reads string, number, boolean and null literals", () => {
    expect(
      match("name == 'Rex' && alive == true && age == -1.5 && owner == nil", {
        name: "Rex",
        alive: true,
        age: -1.5,
        owner: null,
      }),
    ).toBe(true);
    expect(match('name == "R\\"ex"', { name: 'R"ex' })).toBe(true);
  });

  it("compares strings case-insensitively with [c] and supports the string operators", () => {
    const dog = { name: "Rocky" };
    expect(match("name ==[c] 'rocky'", dog)).toBe(true);
    expect(match("name == 'rocky'", dog)).toBe(false);
    expect(match("name BEGINSWITH 'Ro' && name ENDSWITH 'ky' && name CONTAINS 'ck'", dog)).toBe(true);
    expect(match("name beginswith[c] $0", dog, "ro")).toBe(true);
    expect(match("name LIKE 'R?c*'", dog)).toBe(true);
    expect(match("name LIKE[c] 'r*Y'", dog)).toBe(true);
    expect(match("name LIKE 'R.c*'", dog)).toBe(false);
  });

  it("treats null like Realm: equal only to null, never ordered", () => {
    expect(match("age == null", { age: null })).toBe(true);
    expect(match("age == null", {})).toBe(true);
    expect(match("age != null", { age: 0 })).toBe(true);
    expect(match("age < 5", { age: null })).toBe(false);
    expect(match("age >= $0", { age: 1 }, null)).toBe(false);
  });

  it("compares dates by time and ObjectIds by hex", () => {
    expect(match("born == $0", { born: new Date(5) }, new Date(5))).toBe(true);
    expect(match("born < $0", { born: new Date(5) }, new Date(6))).toBe(true);
    const hex = "0123456789abcdef01234567";
    expect(match("_id == $0", { _id: new FakeObjectId(hex) }, new FakeObjectId(hex))).toBe(true);
    expect(match(`_id == oid(${hex})`, { _id: new FakeObjectId(hex) })).toBe(true);
  });

  it("compares bigint arguments with numbers", () => {
    expect(match("age == $0", { age: 7 }, 7n)).toBe(true);
  });

  it("follows key paths and reads a null link as null", () => {
    expect(match("owner.name == 'Ann'", { owner: { name: "Ann" } })).toBe(true);
    expect(match("owner.name == null", { owner: null })).toBe(true);
  });

  it("applies a comparison to any element of a list (implicit ANY)", () => {
    expect(match("tags == 'b'", { tags: ["a", "b"] })).toBe(true);
    expect(match("tags == 'c'", { tags: ["a", "b"] })).toBe(false);
  });

  it("supports IN with a list literal and with an array argument", () => {
    expect(match("age IN {1, 2, 3}", { age: 2 })).toBe(true);
    expect(match("name IN[c] $0", { name: "REX" }, ["rex", "max"])).toBe(true);
    expect(match("age IN $0", { age: 9 }, [1, 2])).toBe(false);
  });
});

describe("compileQuery logic", () => {
  it("binds AND tighter than OR", () => {
    expect(match("a == 1 || b == 1 && c == 1", { a: 1, b: 0, c: 0 })).toBe(true);
    expect(match("(a == 1 || b == 1) && c == 1", { a: 1, b: 0, c: 0 })).toBe(false);
  });

  it("supports NOT, !, and the word forms of AND and OR", () => {
    expect(match("NOT a == 1", { a: 2 })).toBe(true);
    expect(match("!(a == 1 OR a == 2)", { a: 3 })).toBe(true);
    expect(match("a == 1 and b == 2", { a: 1, b: 2 })).toBe(true);
  });

  it("supports TRUEPREDICATE and FALSEPREDICATE", () => {
    expect(match("TRUEPREDICATE", {})).toBe(true);
    expect(match("FALSEPREDICATE || a == 1", { a: 1 })).toBe(true);
  });
});

describe("compileQuery errors", () => {
  it.each([
    ["age > 1 SORT(age ASC)", "SORT"],
    ["age > 1 LIMIT(5)", "LIMIT"],
    ["tags.@count > 1", "@count"],
    ["ANY tags == 'a'", "ANY"],
    ["SUBQUERY(tags, $t, $t == 'a').@count > 0", "SUBQUERY"],
    ["age BETWEEN {1, 2}", "BETWEEN"],
    ["born > T123:456", "T123:456"],
  ])("names the unsupported token in %s", (query, token) => {
    const error = errorOf(query);
    expect(error).toBeInstanceOf(QueryError);
    expect(error.code).toBe("QUERY_UNSUPPORTED");
    expect(error.token).toBe(token);
    expect(error.message).toContain(`"${token}"`);
  });

  it("reports malformed queries with a position", () => {
    const unclosed = errorOf("(age > 1");
    expect(unclosed.code).toBe("QUERY_SYNTAX");
    expect(unclosed.position).toBe(8);
    expect(errorOf("age >").code).toBe("QUERY_SYNTAX");
    expect(errorOf("name == 'x").code).toBe("QUERY_SYNTAX");
    expect(errorOf("").code).toBe("QUERY_SYNTAX");
  });

  it("reports a placeholder without an argument like Realm", () => {
    const error = errorOf("age == $1", [1]);
    expect(error.code).toBe("QUERY_ARGUMENT");
    expect(error.message).toContain("Request for argument at index 1 but only 1 argument is provided");
  });
});
