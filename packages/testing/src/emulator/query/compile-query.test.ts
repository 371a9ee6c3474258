import { describe, expect, it } from "vitest";
import { compileQuery, QueryError, type KeyPathReader } from "./index.js";

/** Stands in for a bson ObjectId: the compiler only relies on toHexString(). */
class FakeObjectId {
  constructor(private readonly hex: string) {}

  toHexString(): string {
    return this.hex;
  }
}

/** Stands in for a bson UUID, whose toHexString() includes dashes. */
class FakeUuid {
  constructor(private readonly text: string) {}

  toHexString(): string {
    return this.text;
  }
}

/** An id-like value that only has equals(), compared through toString(). */
class EqualsOnlyId {
  constructor(private readonly id: string) {}

  equals(other: unknown): boolean {
    return other instanceof EqualsOnlyId && other.id === this.id;
  }

  toString(): string {
    return this.id;
  }
}

const OID_A = "5f1d7a6b8c9d0e1f2a3b4c5d";
const OID_B = "5f1d7a6b8c9d0e1f2a3b4c5e";

/** Reads plain objects; lists along the path fan out like Realm's key paths through lists of links. */
function readerFor(object: Record<string, unknown>): KeyPathReader {
  return (path) => {
    let value: unknown = object;
    for (const key of path) {
      if (Array.isArray(value)) {
        value = value.map((item: unknown) =>
          item === null || item === undefined ? undefined : (item as Record<string, unknown>)[key],
        );
      } else if (value === null || value === undefined) {
        return undefined;
      } else {
        value = (value as Record<string, unknown>)[key];
      }
    }
    return value;
  };
}

function matches(query: string, object: Record<string, unknown>, args: readonly unknown[] = []): boolean {
  return compileQuery(query, args)(readerFor(object));
}

function queryErrorOf(query: string, args: readonly unknown[] = []): QueryError {
  try {
    compileQuery(query, args);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`Expected "${query}" to throw a QueryError`);
}

const rex = {
  name: "Rex",
  age: 5,
  weight: 12.5,
  vaccinated: true,
  nickname: null,
  owner: { name: "Ann", address: null },
  tags: ["good", "loud"],
  scores: [3, 9],
};

describe("compileQuery comparison operators", () => {
  it("matches == on equal numbers", () => {
    expect(matches("age == 5", rex)).toBe(true);
    expect(matches("age == 6", rex)).toBe(false);
  });

  it("treats a single = as ==", () => {
    expect(matches("age = 5", rex)).toBe(true);
  });

  it("matches != when values differ", () => {
    expect(matches("age != 6", rex)).toBe(true);
    expect(matches("age != 5", rex)).toBe(false);
  });

  it("treats <> as !=", () => {
    expect(matches("age <> 6", rex)).toBe(true);
    expect(matches("age <> 5", rex)).toBe(false);
  });

  it("matches < only for strictly smaller values", () => {
    expect(matches("age < 6", rex)).toBe(true);
    expect(matches("age < 5", rex)).toBe(false);
  });

  it("matches <= for smaller or equal values", () => {
    expect(matches("age <= 5", rex)).toBe(true);
    expect(matches("age <= 4", rex)).toBe(false);
  });

  it("matches > only for strictly larger values", () => {
    expect(matches("age > 4", rex)).toBe(true);
    expect(matches("age > 5", rex)).toBe(false);
  });

  it("matches >= for larger or equal values", () => {
    expect(matches("age >= 5", rex)).toBe(true);
    expect(matches("age >= 6", rex)).toBe(false);
  });

  it("accepts Realm's =< and => spellings of <= and >=", () => {
    expect(matches("age =< 5", rex)).toBe(true);
    expect(matches("age => 5", rex)).toBe(true);
    expect(matches("age => 6", rex)).toBe(false);
  });

  it("compares integers and decimals numerically", () => {
    expect(matches("age == 5.0", rex)).toBe(true);
    expect(matches("weight > 12", rex)).toBe(true);
    expect(matches("weight < 12.75", rex)).toBe(true);
  });

  it("reads negative and exponent number literals", () => {
    expect(matches("temperature == -3", { temperature: -3 })).toBe(true);
    expect(matches("distance == 1e3", { distance: 1000 })).toBe(true);
    expect(matches("ratio == .5", { ratio: 0.5 })).toBe(true);
  });

  it("reads hexadecimal integer literals", () => {
    expect(matches("flags == 0x1F", { flags: 31 })).toBe(true);
  });

  it("compares bigint arguments with numbers numerically", () => {
    expect(matches("age == $0", rex, [5n])).toBe(true);
    expect(matches("age < $0", rex, [6n])).toBe(true);
    expect(matches("age == $0", { age: 5n }, [5])).toBe(true);
  });

  it("keeps integer literals beyond 2^53 exact against bigint values", () => {
    expect(matches("id == 9007199254740993", { id: 9007199254740993n })).toBe(true);
    expect(matches("id == 9007199254740993", { id: 9007199254740992n })).toBe(false);
  });

  it("orders strings by code unit, so upper case sorts before lower case", () => {
    expect(matches('name < "a"', rex)).toBe(true);
    expect(matches('name > "Ra"', rex)).toBe(true);
  });

  it("compares strings case-sensitively without [c]", () => {
    expect(matches('name == "Rex"', rex)).toBe(true);
    expect(matches('name == "rex"', rex)).toBe(false);
  });

  it("compares booleans for equality", () => {
    expect(matches("vaccinated == true", rex)).toBe(true);
    expect(matches("vaccinated == FALSE", rex)).toBe(false);
    expect(matches("vaccinated != false", rex)).toBe(true);
  });

  it("never orders booleans", () => {
    expect(matches("vaccinated > false", rex)).toBe(false);
    expect(matches("vaccinated <= true", rex)).toBe(false);
  });

  it("never treats values of different kinds as equal", () => {
    expect(matches('age == "5"', rex)).toBe(false);
    expect(matches('age != "5"', rex)).toBe(true);
    expect(matches('age < "6"', rex)).toBe(false);
  });

  it("compares two key paths of the same object", () => {
    expect(matches("width > height", { width: 3, height: 2 })).toBe(true);
    expect(matches("width == height", { width: 3, height: 2 })).toBe(false);
  });
});

describe("compileQuery string operators", () => {
  it("matches BEGINSWITH on a prefix", () => {
    expect(matches('name BEGINSWITH "Re"', rex)).toBe(true);
    expect(matches('name BEGINSWITH "ex"', rex)).toBe(false);
  });

  it("matches ENDSWITH on a suffix", () => {
    expect(matches('name ENDSWITH "ex"', rex)).toBe(true);
    expect(matches('name ENDSWITH "Re"', rex)).toBe(false);
  });

  it("matches CONTAINS on a substring", () => {
    expect(matches('name CONTAINS "e"', rex)).toBe(true);
    expect(matches('name CONTAINS "z"', rex)).toBe(false);
  });

  it("reads operator keywords in any case", () => {
    expect(matches('name beginsWith "R"', rex)).toBe(true);
    expect(matches('name endswith "x"', rex)).toBe(true);
    expect(matches('name Contains "e"', rex)).toBe(true);
    expect(matches('name like "R*"', rex)).toBe(true);
  });

  it("returns false for string operators on non-string values", () => {
    expect(matches('age BEGINSWITH "5"', rex)).toBe(false);
    expect(matches('nickname CONTAINS ""', rex)).toBe(false);
  });

  it("matches any run of characters, including none, with the LIKE * wildcard", () => {
    expect(matches('name LIKE "R*"', rex)).toBe(true);
    expect(matches('name LIKE "*x"', rex)).toBe(true);
    expect(matches('name LIKE "Rex*"', rex)).toBe(true);
    expect(matches('name LIKE "*z*"', rex)).toBe(false);
  });

  it("matches exactly one character with the LIKE ? wildcard", () => {
    expect(matches('name LIKE "R?x"', rex)).toBe(true);
    expect(matches('name LIKE "R??x"', rex)).toBe(false);
    expect(matches('name LIKE "?"', rex)).toBe(false);
  });

  it("anchors LIKE patterns to the whole string", () => {
    expect(matches('name LIKE "Re"', rex)).toBe(false);
    expect(matches('name LIKE "Rex"', rex)).toBe(true);
  });

  it("treats regular expression characters in LIKE patterns literally", () => {
    expect(matches('code LIKE "a.c"', { code: "abc" })).toBe(false);
    expect(matches('code LIKE "a.c+(1)"', { code: "a.c+(1)" })).toBe(true);
  });

  it("lets LIKE wildcards match line breaks", () => {
    expect(matches('text2 LIKE "a*b"', { text2: "a\nb" })).toBe(true);
  });

  it("matches LIKE against a pattern read from the object", () => {
    expect(matches('"Rex" LIKE pattern', { pattern: "R*" })).toBe(true);
    expect(matches('"Rex" LIKE pattern', { pattern: "R?" })).toBe(false);
    expect(matches("name LIKE pattern", { name: "abcabd", pattern: "*ab?" })).toBe(true);
  });

  it("evaluates a string operator with the literal on the left as literal-op-property", () => {
    expect(matches('"Rexford" BEGINSWITH name', rex)).toBe(true);
    expect(matches('"Re" BEGINSWITH name', rex)).toBe(false);
  });

  it("rejects a string operator against a non-string literal as a syntax error", () => {
    const error = queryErrorOf("name CONTAINS 5");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe("5");
    expect(error.position).toBe(14);
  });

  it("rejects a string operator against a non-string argument as an argument error", () => {
    const error = queryErrorOf("name BEGINSWITH $0", [5]);
    expect(error.code).toBe("QUERY_ARGUMENT");
    expect(error.token).toBe("$0");
  });
});

describe("compileQuery case-insensitive modifier", () => {
  it("makes == case-insensitive with [c]", () => {
    expect(matches('name ==[c] "rex"', rex)).toBe(true);
    expect(matches('name ==[c] "rexy"', rex)).toBe(false);
  });

  it("makes != case-insensitive with [c]", () => {
    expect(matches('name !=[c] "REX"', rex)).toBe(false);
  });

  it("applies [c] to BEGINSWITH with a placeholder", () => {
    expect(matches("name BEGINSWITH[c] $0", rex, ["rE"])).toBe(true);
  });

  it("applies [c] to ENDSWITH and CONTAINS", () => {
    expect(matches('name ENDSWITH[c] "EX"', rex)).toBe(true);
    expect(matches('name CONTAINS[c] "E"', rex)).toBe(true);
  });

  it("applies [c] to LIKE patterns", () => {
    expect(matches('name LIKE[c] "r?X"', rex)).toBe(true);
    expect(matches('name LIKE "r?X"', rex)).toBe(false);
  });

  it("applies [c] to LIKE patterns read from the object", () => {
    expect(matches('"REX" LIKE[c] pattern', { pattern: "r*" })).toBe(true);
  });

  it("applies [c] to ordering comparisons by lower-casing both sides", () => {
    expect(matches('name <[c] "b"', { name: "Apple" })).toBe(true);
    expect(matches('name < "B"', { name: "apple" })).toBe(false);
  });

  it("leaves non-string comparisons unchanged under [c]", () => {
    expect(matches("age ==[c] 5", rex)).toBe(true);
  });
});

describe("compileQuery logical operators", () => {
  it("requires both sides of && and AND", () => {
    expect(matches("age == 5 && name == 'Rex'", rex)).toBe(true);
    expect(matches("age == 5 AND name == 'Max'", rex)).toBe(false);
  });

  it("requires either side of || and OR", () => {
    expect(matches("age == 6 || name == 'Rex'", rex)).toBe(true);
    expect(matches("age == 6 OR name == 'Max'", rex)).toBe(false);
  });

  it("negates with ! and NOT", () => {
    expect(matches("!(age == 6)", rex)).toBe(true);
    expect(matches("NOT age == 5", rex)).toBe(false);
  });

  it("reads AND, OR and NOT in any case", () => {
    expect(matches("age == 6 and not name == 'Max' Or vaccinated == true", rex)).toBe(true);
  });

  it("binds && tighter than ||, so a || b && c means a || (b && c)", () => {
    // a is true, b and c false: a || (b && c) is true while (a || b) && c would be false.
    expect(matches("age == 5 || age == 6 && age == 7", rex)).toBe(true);
    expect(matches("age == 6 && age == 7 || age == 5", rex)).toBe(true);
  });

  it("binds NOT tighter than AND", () => {
    // !a && b with a and b false: (!a) && b is false while !(a && b) would be true.
    expect(matches("NOT age == 6 AND age == 7", rex)).toBe(false);
    expect(matches("!age == 6 && age == 5", rex)).toBe(true);
  });

  it("lets parentheses override precedence", () => {
    expect(matches("(age == 5 || age == 6) && age == 7", rex)).toBe(false);
    expect(matches("!(age == 6 && age == 7)", rex)).toBe(true);
  });

  it("supports nested parentheses and double negation", () => {
    expect(matches("((age == 5)) && !!(name == 'Rex')", rex)).toBe(true);
  });

  it("evaluates long && and || chains", () => {
    expect(matches("age > 1 && age > 2 && age > 3 && age > 4", rex)).toBe(true);
    expect(matches("age == 1 || age == 2 || age == 3 || age == 5", rex)).toBe(true);
    expect(matches("age == 1 || age == 2 || age == 3 || age == 4", rex)).toBe(false);
  });

  it("matches everything with TRUEPREDICATE and nothing with FALSEPREDICATE", () => {
    expect(matches("TRUEPREDICATE", rex)).toBe(true);
    expect(matches("FALSEPREDICATE", rex)).toBe(false);
    expect(matches("truepredicate && NOT falsePredicate", rex)).toBe(true);
  });
});

describe("compileQuery placeholders", () => {
  it("binds a placeholder on the right", () => {
    expect(matches("age == $0", rex, [5])).toBe(true);
  });

  it("binds a placeholder on the left", () => {
    expect(matches("$0 == age", rex, [5])).toBe(true);
    expect(matches("$0 > age", rex, [6])).toBe(true);
    expect(matches("$0 > age", rex, [5])).toBe(false);
  });

  it("reads a literal on the left as literal-op-property", () => {
    expect(matches("5 < age", rex)).toBe(false);
    expect(matches("4 < age", rex)).toBe(true);
    expect(matches("'Rex' == name", rex)).toBe(true);
  });

  it("binds several placeholders by index", () => {
    expect(matches("age > $1 && name == $0", rex, ["Rex", 4])).toBe(true);
    expect(matches("age > $1 && name == $0", rex, ["Max", 4])).toBe(false);
  });

  it("reads multi-digit placeholder indexes", () => {
    const args = Array.from({ length: 11 }, (_, i) => i);
    expect(matches("age == $5 && $10 > age", rex, args)).toBe(true);
  });

  it("binds arguments at compile time", () => {
    const args: unknown[] = [5];
    const query = compileQuery("age == $0", args);
    args[0] = 6;
    expect(query(readerFor(rex))).toBe(true);
  });

  it("treats an undefined argument as null", () => {
    expect(matches("nickname == $0", rex, [undefined])).toBe(true);
  });

  it("names the index and argument count like Realm when an argument is missing", () => {
    const error = queryErrorOf("age == $3", [1]);
    expect(error.code).toBe("QUERY_ARGUMENT");
    expect(error.message).toContain("Request for argument at index 3 but only 1 argument is provided");
    expect(error.token).toBe("$3");
    expect(error.position).toBe(7);
  });

  it("uses the plural form when several arguments are provided", () => {
    expect(queryErrorOf("age == $2", [1, 2]).message).toContain(
      "Request for argument at index 2 but only 2 arguments are provided",
    );
  });

  it("says no arguments are provided when there are none", () => {
    expect(queryErrorOf("age == $0").message).toContain(
      "Request for argument at index 0 but no arguments are provided",
    );
  });

  it("rejects function arguments", () => {
    expect(queryErrorOf("age == $0", [() => 5]).code).toBe("QUERY_ARGUMENT");
  });
});

describe("compileQuery IN", () => {
  it("matches a value in a list literal", () => {
    expect(matches("age IN {1, 5, 9}", rex)).toBe(true);
    expect(matches("age IN {1, 2, 3}", rex)).toBe(false);
  });

  it("matches strings in a list literal", () => {
    expect(matches("name IN {'Max', 'Rex'}", rex)).toBe(true);
    expect(matches("name IN {'max', 'rex'}", rex)).toBe(false);
  });

  it("honours [c] in IN", () => {
    expect(matches("name IN[c] {'max', 'rex'}", rex)).toBe(true);
  });

  it("never matches an empty list literal", () => {
    expect(matches("age IN {}", rex)).toBe(false);
  });

  it("matches a value in an array argument", () => {
    expect(matches("age IN $0", rex, [[4, 5]])).toBe(true);
    expect(matches("age IN $0", rex, [[4, 6]])).toBe(false);
  });

  it("matches placeholders inside a list literal", () => {
    expect(matches("age IN {$0, $1}", rex, [1, 5])).toBe(true);
  });

  it("matches a bigint value against a list of numbers", () => {
    expect(matches("age IN {1, 5}", { age: 5n })).toBe(true);
  });

  it("matches mixed-type lists with Realm equality", () => {
    expect(matches("born IN $0", { born: new Date(10) }, [["x", new Date(10)]])).toBe(true);
    expect(matches("age IN {'5', null, 5}", rex)).toBe(true);
  });

  it("matches null in a list containing null", () => {
    expect(matches("nickname IN {null, 'Rexy'}", rex)).toBe(true);
  });

  it("matches a literal in a list property", () => {
    expect(matches("'loud' IN tags", rex)).toBe(true);
    expect(matches("'quiet' IN tags", rex)).toBe(false);
  });

  it("matches when any element of a list property is in the list", () => {
    expect(matches("tags IN {'loud', 'quiet'}", rex)).toBe(true);
  });

  it("rejects a non-array argument for IN", () => {
    const error = queryErrorOf("age IN $0", [5]);
    expect(error.code).toBe("QUERY_ARGUMENT");
    expect(error.token).toBe("$0");
  });

  it("rejects a scalar literal on the right of IN", () => {
    expect(queryErrorOf("age IN 5").code).toBe("QUERY_SYNTAX");
  });

  it("rejects list literals outside IN as unsupported", () => {
    const error = queryErrorOf("age == {1, 2}");
    expect(error.code).toBe("QUERY_UNSUPPORTED");
    expect(error.token).toBe("{");
    expect(error.position).toBe(7);
  });
});

describe("compileQuery null semantics", () => {
  it("matches == null for null values", () => {
    expect(matches("nickname == null", rex)).toBe(true);
    expect(matches("name == null", rex)).toBe(false);
  });

  it("matches == null for missing (undefined) values", () => {
    expect(matches("missing == null", rex)).toBe(true);
  });

  it("treats nil as null", () => {
    expect(matches("nickname == nil", rex)).toBe(true);
    expect(matches("nickname == NULL", rex)).toBe(true);
  });

  it("matches != null only for present values", () => {
    expect(matches("name != null", rex)).toBe(true);
    expect(matches("nickname != null", rex)).toBe(false);
  });

  it("matches != with a value for null values", () => {
    expect(matches("nickname != 'Rexy'", rex)).toBe(true);
  });

  it("makes ordering comparisons with a null literal false", () => {
    expect(matches("age > null", rex)).toBe(false);
    expect(matches("age <= null", rex)).toBe(false);
  });

  it("makes ordering comparisons of a null value false", () => {
    expect(matches("nickname < 'z'", rex)).toBe(false);
    expect(matches("nickname >= 'a'", rex)).toBe(false);
  });

  it("makes ordering comparisons with a null argument false", () => {
    expect(matches("age < $0", rex, [null])).toBe(false);
  });

  it("reads a key path through a null link as null", () => {
    expect(matches("owner.address.city == null", rex)).toBe(true);
    expect(matches("owner.address.city == 'Oslo'", rex)).toBe(false);
    expect(matches("vet.name != null", rex)).toBe(false);
  });

  it("reads a key path through a present link", () => {
    expect(matches("owner.name == 'Ann'", rex)).toBe(true);
  });
});

describe("compileQuery Dates", () => {
  it("matches equal Dates by time, not identity", () => {
    expect(matches("born == $0", { born: new Date(1000) }, [new Date(1000)])).toBe(true);
    expect(matches("born != $0", { born: new Date(1000) }, [new Date(1000)])).toBe(false);
  });

  it("orders Dates by time", () => {
    expect(matches("born < $0", { born: new Date(1000) }, [new Date(2000)])).toBe(true);
    expect(matches("born > $0", { born: new Date(1000) }, [new Date(2000)])).toBe(false);
  });

  it("never matches a Date against a number", () => {
    expect(matches("born == 1000", { born: new Date(1000) })).toBe(false);
    expect(matches("born < 2000", { born: new Date(1000) })).toBe(false);
  });
});

describe("compileQuery ObjectId and UUID", () => {
  it("matches an oid() literal against an ObjectId by hex string", () => {
    expect(matches(`_id == oid(${OID_A})`, { _id: new FakeObjectId(OID_A) })).toBe(true);
    expect(matches(`_id == oid(${OID_B})`, { _id: new FakeObjectId(OID_A) })).toBe(false);
  });

  it("ignores the case of hex digits in an oid() literal", () => {
    expect(matches(`_id == oid(${OID_A.toUpperCase()})`, { _id: new FakeObjectId(OID_A) })).toBe(true);
  });

  it("matches != on different ObjectIds", () => {
    expect(matches(`_id != oid(${OID_B})`, { _id: new FakeObjectId(OID_A) })).toBe(true);
  });

  it("matches ObjectId arguments by hex string, not identity", () => {
    expect(matches("_id == $0", { _id: new FakeObjectId(OID_A) }, [new FakeObjectId(OID_A)])).toBe(true);
  });

  it("orders ObjectIds by hex string", () => {
    expect(matches(`_id < oid(${OID_B})`, { _id: new FakeObjectId(OID_A) })).toBe(true);
  });

  it("never matches an ObjectId against its hex string", () => {
    expect(matches("_id == $0", { _id: new FakeObjectId(OID_A) }, [OID_A])).toBe(false);
  });

  it("matches a uuid() literal against a UUID whose hex string has dashes", () => {
    const text = "01b1a58a-bb92-47a2-a3aa-d9c735e6fd42";
    expect(matches(`id == uuid(${text})`, { id: new FakeUuid(text) })).toBe(true);
  });

  it("compares id-like values that only have equals() by toString()", () => {
    expect(matches("id == $0", { id: new EqualsOnlyId("a") }, [new EqualsOnlyId("a")])).toBe(true);
    expect(matches("id == $0", { id: new EqualsOnlyId("a") }, [new EqualsOnlyId("b")])).toBe(false);
  });

  it("rejects an oid() literal without 24 hex digits", () => {
    const error = queryErrorOf("_id == oid(123)");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe("oid(123)");
    expect(error.position).toBe(7);
  });
});

describe("compileQuery implicit ANY over lists", () => {
  it("matches == when any element of a list property matches", () => {
    expect(matches("tags == 'loud'", rex)).toBe(true);
    expect(matches("tags == 'quiet'", rex)).toBe(false);
  });

  it("matches ordering when any element matches", () => {
    expect(matches("scores > 8", rex)).toBe(true);
    expect(matches("scores > 9", rex)).toBe(false);
  });

  it("matches != when any element differs", () => {
    expect(matches("scores != 3", rex)).toBe(true);
    expect(matches("scores != 3", { scores: [3, 3] })).toBe(false);
  });

  it("never matches an empty list", () => {
    expect(matches("scores == 1", { scores: [] })).toBe(false);
    expect(matches("scores != 1", { scores: [] })).toBe(false);
  });

  it("spreads over key paths through a list of links", () => {
    const owner = { dogs: [{ name: "Rex" }, { name: "Max" }] };
    expect(matches("dogs.name == 'Max'", owner)).toBe(true);
    expect(matches("dogs.name BEGINSWITH 'Z'", owner)).toBe(false);
  });

  it("spreads over non-array iterables such as sets", () => {
    expect(matches("tags == 'b'", { tags: new Set(["a", "b"]) })).toBe(true);
  });

  it("does not spread strings into characters", () => {
    expect(matches("name == 'R'", rex)).toBe(false);
  });

  it("negates the whole ANY, so NOT matches when no element matches", () => {
    expect(matches("NOT tags == 'loud'", rex)).toBe(false);
    expect(matches("NOT tags == 'quiet'", rex)).toBe(true);
  });

  it("spreads over an array argument used with ==", () => {
    expect(matches("age == $0", rex, [[4, 5]])).toBe(true);
    expect(matches("age == $0", rex, [[4, 6]])).toBe(false);
  });
});

describe("compileQuery unsupported RQL", () => {
  const cases: readonly (readonly [string, string, number])[] = [
    ["age > 1 SORT(age ASC)", "SORT", 8],
    ["age > 1 LIMIT(5)", "LIMIT", 8],
    ["age > 1 DISTINCT(name)", "DISTINCT", 8],
    ["SORT(age ASC)", "SORT", 0],
    ["dogs.@count > 1", "@count", 5],
    ["dogs.@size == 0", "@size", 5],
    ["scores.@max > 1", "@max", 7],
    ["ANY dogs.age > 1", "ANY", 0],
    ["ALL dogs.age > 1", "ALL", 0],
    ["NONE dogs.age > 1", "NONE", 0],
    ["SOME dogs.age > 1", "SOME", 0],
    ["SUBQUERY(dogs, $x, $x.age > 1).@count > 0", "SUBQUERY", 0],
    ["age BETWEEN {1, 5}", "BETWEEN", 4],
    ["name TEXT 'rex'", "TEXT", 5],
    ["location GEOWITHIN geoCircle([1, 2], 0.5)", "GEOWITHIN", 9],
    ["geoBox([1, 2], [3, 4]) == 1", "geoBox", 0],
    ["@links.Person.dogs.@count > 0", "@links", 0],
    ["born > T123:456", "T123:456", 7],
    ["born > 2024-01-01@10:20:30", "2024-01-01@10:20:30", 7],
    ["born > 2024-01-01T10:20:30", "2024-01-01T10:20:30", 7],
    ["age + 1 > 2", "+", 4],
    ["age * 2 > 2", "*", 4],
    ["name ==[d] 'x'", "[d]", 7],
    ["tags[FIRST] == 'a'", "[FIRST]", 4],
    ['data == B64"aGk="', 'B64"aGk="', 8],
    ["score > -inf", "-inf", 8],
    ["score == NaN", "NaN", 9],
    ["owner == O123", "O123", 9],
    ["$K0 == 1", "$K0", 0],
  ];

  it.each(cases)("rejects %j as QUERY_UNSUPPORTED naming %j at position %i", (query, token, position) => {
    const error = queryErrorOf(query);
    expect(error.code).toBe("QUERY_UNSUPPORTED");
    expect(error.token).toBe(token);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`"${token}" at position ${position}`);
  });

  it("explains what the emulator supports in the message", () => {
    expect(queryErrorOf("age > 1 SORT(age ASC)").message).toBe(
      'Unsupported RQL token "SORT" at position 8 in query "age > 1 SORT(age ASC)": the emulator supports ' +
        "comparisons, &&/||/!, AND/OR/NOT, parentheses, $0..$n and literals",
    );
  });

  it("still reads words Realm allows as property names, such as sort and text", () => {
    expect(matches("sort == 1 && text == 'a' && limit == 2", { sort: 1, text: "a", limit: 2 })).toBe(true);
  });
});

describe("compileQuery syntax errors", () => {
  it("reports an unclosed parenthesis at the end of the query", () => {
    const error = queryErrorOf("(age > 1");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.position).toBe(8);
    expect(error.token).toBe("");
    expect(error.message).toContain(
      'expected ")" to close the "(" at position 0 but found the end of the query',
    );
  });

  it("reports a missing operand", () => {
    const error = queryErrorOf("age > ");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.position).toBe(6);
    expect(error.message).toContain("expected an operand");
  });

  it("reports a missing operand before a logical operator", () => {
    const error = queryErrorOf("age > && name == 'a'");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe("&&");
    expect(error.position).toBe(6);
  });

  it("reports a missing comparison operator", () => {
    const error = queryErrorOf("age 5");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe("5");
    expect(error.position).toBe(4);
  });

  it("reports a bare property without a comparison", () => {
    expect(queryErrorOf("vaccinated").code).toBe("QUERY_SYNTAX");
  });

  it("reports an unterminated string at its opening quote", () => {
    const error = queryErrorOf('name == "Rex');
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.position).toBe(8);
    expect(error.message).toContain("unterminated string");
  });

  it("reports an unexpected closing parenthesis", () => {
    const error = queryErrorOf("age > 1)");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe(")");
    expect(error.position).toBe(7);
  });

  it("reports a dangling logical operator", () => {
    const error = queryErrorOf("age > 1 &&");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.position).toBe(10);
  });

  it("reports an unexpected character", () => {
    const error = queryErrorOf("age # 1");
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.token).toBe("#");
    expect(error.position).toBe(4);
  });

  it("reports an invalid escape sequence in a string", () => {
    expect(queryErrorOf('name == "a\\qb"').code).toBe("QUERY_SYNTAX");
  });

  it("reports an empty query", () => {
    expect(queryErrorOf("").code).toBe("QUERY_SYNTAX");
  });

  it("rejects comparing two constants like Realm", () => {
    const error = queryErrorOf("1 == $0", [1]);
    expect(error.code).toBe("QUERY_SYNTAX");
    expect(error.message).toContain("Cannot compare two constants");
  });

  it("throws QueryError instances that are Errors", () => {
    const error = queryErrorOf("(");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("QueryError");
  });
});

describe("compileQuery literals", () => {
  it("reads double- and single-quoted strings", () => {
    expect(matches(`name == "Rex" && name == 'Rex'`, rex)).toBe(true);
  });

  it("reads backslash escapes in strings", () => {
    expect(matches('text2 == "a\\"b\\n\\u0041"', { text2: 'a"b\nA' })).toBe(true);
    expect(matches("text2 == 'it\\'s'", { text2: "it's" })).toBe(true);
  });

  it("reads true and false in any case", () => {
    expect(matches("vaccinated == TRUE && vaccinated != False", rex)).toBe(true);
  });
});

describe("compileQuery evaluation", () => {
  it("passes the same key path array to the reader on every evaluation", () => {
    const query = compileQuery("owner.name == 'Ann'", []);
    const seen: (readonly string[])[] = [];
    const read: KeyPathReader = (path) => {
      seen.push(path);
      return "Ann";
    };
    query(read);
    query(read);
    expect(seen[0]).toEqual(["owner", "name"]);
    expect(seen[1]).toBe(seen[0]);
  });

  it("filters many objects with one compiled query", () => {
    const query = compileQuery("age >= $0 && name BEGINSWITH[c] $1", [50, "dog"]);
    const objects = Array.from({ length: 1000 }, (_, i) => ({ age: i % 100, name: i % 2 ? "Dog" : "cat" }));
    expect(objects.filter((object) => query(readerFor(object))).length).toBe(250);
  });
});

describe("compileQuery: an OR of comparisons of one key path (read once)", () => {
  const changedSince = compileQuery("lastUpdated > $0 || lastUpdated == null", [100]);
  const holds = (query: typeof changedSince, object: Record<string, unknown>) => query(readerFor(object));

  it("matches either side, as the general OR does", () => {
    expect(holds(changedSince, { lastUpdated: 101 })).toBe(true);
    expect(holds(changedSince, { lastUpdated: null })).toBe(true);
    expect(holds(changedSince, {})).toBe(true);
    expect(holds(changedSince, { lastUpdated: 100 })).toBe(false);
  });

  it("reads the key path once per object", () => {
    let reads = 0;
    const object = { lastUpdated: 5 };
    const read: KeyPathReader = (path) => {
      reads++;
      return readerFor(object)(path);
    };
    changedSince(read);
    expect(reads).toBe(1);
  });

  it("keeps the implicit ANY over a list and three or more operands", () => {
    const tags = compileQuery("tags == 'a' || tags == 'b' || tags == 'c'", []);
    expect(holds(tags, { tags: ["x", "c"] })).toBe(true);
    expect(holds(tags, { tags: ["x", "y"] })).toBe(false);
  });

  it("still rejects a bad operand of such an OR when the query is compiled", () => {
    expect(() => compileQuery("name == 'a' || name BEGINSWITH $0", [5])).toThrow(QueryError);
  });

  it("falls back to the general OR for different key paths", () => {
    const either = compileQuery("age > $0 || name == $1", [3, "Rex"]);
    expect(holds(either, { age: 1, name: "Rex" })).toBe(true);
    expect(holds(either, { age: 1, name: "Max" })).toBe(false);
  });
});

describe("compileQuery: parsed once per query text", () => {
  it("binds each compile's own arguments", () => {
    const older = compileQuery("age < $0", [3]);
    const younger = compileQuery("age < $0", [10]);
    expect(older(readerFor({ age: 5 }))).toBe(false);
    expect(younger(readerFor({ age: 5 }))).toBe(true);
  });

  it("throws for a malformed query every time", () => {
    expect(() => compileQuery("age <", [])).toThrow(QueryError);
    expect(() => compileQuery("age <", [])).toThrow(QueryError);
  });
});
