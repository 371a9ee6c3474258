import { primaryKeyString } from "../values/bson-values.js";
import type { Row } from "./row.js";

/**
 * The rows of one type by primary key. Equal to a map keyed by `primaryKeyString` (so `"1"` and
 * `1` stay different keys, and `1` and `1n` the same), but strings and safe integers are their
 * own map keys: a lookup hashes the key itself instead of building and hashing a prefixed copy,
 * which matters when every create and `objectForPrimaryKey` looks a key up.
 */
export class PrimaryKeyIndex {
  private readonly strings = new Map<string, Row>();
  private readonly integers = new Map<number, Row>();
  private readonly others = new Map<string, Row>();

  get(primaryKey: unknown): Row | undefined {
    if (typeof primaryKey === "string") return this.strings.get(primaryKey);
    const integer = safeInteger(primaryKey);
    return integer === undefined ? this.others.get(primaryKeyString(primaryKey)) : this.integers.get(integer);
  }

  set(primaryKey: unknown, row: Row): void {
    if (typeof primaryKey === "string") {
      this.strings.set(primaryKey, row);
      return;
    }
    const integer = safeInteger(primaryKey);
    if (integer === undefined) this.others.set(primaryKeyString(primaryKey), row);
    else this.integers.set(integer, row);
  }

  delete(primaryKey: unknown): void {
    if (typeof primaryKey === "string") {
      this.strings.delete(primaryKey);
      return;
    }
    const integer = safeInteger(primaryKey);
    if (integer === undefined) this.others.delete(primaryKeyString(primaryKey));
    else this.integers.delete(integer);
  }
}

/** A number or bigint as a safe-integer map key (the same for `1` and `1n`), else undefined. */
function safeInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "bigint") {
    const number = Number(value);
    return Number.isSafeInteger(number) && BigInt(number) === value ? number : undefined;
  }
  return undefined;
}
