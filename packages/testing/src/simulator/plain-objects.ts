import type { Instruction, PortableValue } from "../emulator/store/changeset.js";
import { compareForSort } from "../emulator/values/compare-for-sort.js";

/** Objects by type, each type's objects sorted by primary key: what `simulate --json` prints. */
export type PlainObjects = Record<string, Record<string, unknown>[]>;

/** Whether an object of `type` with `primaryKey` exists where the objects come from. */
export type LinkResolver = (type: string, primaryKey: unknown) => boolean;

function plain(value: PortableValue, exists: LinkResolver): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, exists));
  if ("$link" in value) {
    const { type, primaryKey } = (value as { $link: { type: string; primaryKey: unknown } }).$link;
    // A link prints as the target's primary key, or null once the target is gone.
    return exists(type, primaryKey) ? primaryKey : null;
  }
  if ("$embedded" in value || "$dictionary" in value) {
    const entries = (
      "$embedded" in value
        ? value.$embedded
        : (value as { $dictionary: Record<string, PortableValue> }).$dictionary
    ) as Record<string, PortableValue>;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(entries)) out[key] = plain(item, exists);
    return out;
  }
  return value;
}

/** Turns snapshot create-instructions into plain objects grouped by type and sorted by primary key. */
export function toPlainObjects(snapshot: readonly Instruction[], exists: LinkResolver): PlainObjects {
  const out: PlainObjects = {};
  const keys: Record<string, unknown[]> = {};
  for (const instruction of snapshot) {
    if (instruction.op !== "create") continue;
    const object: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(instruction.values)) object[key] = plain(value, exists);
    (out[instruction.type] ??= []).push(object);
    (keys[instruction.type] ??= []).push(instruction.primaryKey);
  }
  for (const [type, objects] of Object.entries(out)) {
    const order = objects.map((object, i) => ({ object, key: keys[type]![i] }));
    order.sort((a, b) => compareForSort(a.key, b.key));
    out[type] = order.map(({ object }) => object);
  }
  return out;
}
