import { isDecimal128, isObjectId, isUuid } from "./bson-values.js";

function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "boolean") return 1;
  if (typeof value === "number" || typeof value === "bigint") return 2;
  if (typeof value === "string") return 3;
  if (value instanceof Date) return 4;
  return 5;
}

/** Realm's sort order for two stored values: null first, then by value; mixed kinds by kind. */
export function compareForSort(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  if (ra === 2) return Number(a) - Number(b);
  if (ra === 4) return (a as Date).getTime() - (b as Date).getTime();
  if (ra === 1 || ra === 3) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  const sa =
    isObjectId(a) || isUuid(a)
      ? (a as { toHexString(): string }).toHexString()
      : isDecimal128(a)
        ? a.toString()
        : String(a);
  const sb =
    isObjectId(b) || isUuid(b)
      ? (b as { toHexString(): string }).toHexString()
      : isDecimal128(b)
        ? b.toString()
        : String(b);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}
