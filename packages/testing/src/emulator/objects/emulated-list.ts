import { EmulatorError } from "../emulator-error.js";
import type { Row } from "../store/row.js";
import { MANAGED_COLLECTION, toPlain } from "./emulated-object.js";
import { handleOf } from "./managed-handle.js";
import type { ObjectHost } from "./object-host.js";
import { primitivesEqual } from "../values/bson-values.js";

function isIndex(key: string | symbol): key is string {
  return typeof key === "string" && key !== "" && /^\d+$/.test(key);
}

/**
 * A live list (or set) property, like `Realm.List`: reads see the current stored elements, writes
 * replace the stored list inside a write transaction, and a list is one value for sync (lists are
 * copied whole, as Realm's recovery does for lists changed at existing indices).
 */
export class EmulatedList<T = unknown> implements Iterable<T> {
  readonly [MANAGED_COLLECTION] = true;
  readonly [index: number]: T;

  constructor(
    private readonly host: ObjectHost,
    private readonly row: Row,
    private readonly property: string,
  ) {
    return new Proxy(this, {
      get: (target, key, receiver) =>
        isIndex(key) ? target.at(Number(key)) : Reflect.get(target, key, receiver),
      set: (target, key, value, receiver) => {
        if (!isIndex(key)) return Reflect.set(target, key, value, receiver);
        const items = target.items();
        const index = Number(key);
        if (index >= items.length)
          throw new EmulatorError("TYPE_MISMATCH", `Index ${index} is out of bounds (size ${items.length})`);
        items[index] = value;
        target.replace(items);
        return true;
      },
    });
  }

  /** Number of elements. */
  get length(): number {
    return this.stored().length;
  }

  /** Whether the owning object still exists. */
  isValid(): boolean {
    return this.row.live && !this.host.isClosed;
  }

  /** The element at `index` (negative counts from the end), or undefined. */
  at(index: number): T | undefined {
    const stored = this.stored();
    const i = index < 0 ? stored.length + index : index;
    return i >= 0 && i < stored.length
      ? (this.host.toExternal(stored[i], this.row, this.property) as T)
      : undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    const stored = this.stored();
    for (const item of stored) yield this.host.toExternal(item, this.row, this.property) as T;
  }

  /** Appends elements; returns the new length. */
  push(...items: T[]): number {
    const next = [...this.items(), ...items];
    this.replace(next);
    return next.length;
  }

  /** Removes and returns the last element. */
  pop(): T | undefined {
    const items = this.items();
    const last = items.pop();
    this.replace(items);
    return last;
  }

  /** Removes and returns the first element. */
  shift(): T | undefined {
    const items = this.items();
    const first = items.shift();
    this.replace(items);
    return first;
  }

  /** Inserts elements at the start; returns the new length. */
  unshift(...items: T[]): number {
    const next = [...items, ...this.items()];
    this.replace(next);
    return next.length;
  }

  /** Removes `deleteCount` elements at `start` and inserts `items`; returns the removed ones. */
  splice(start: number, deleteCount?: number, ...items: T[]): T[] {
    const current = this.items();
    const removed = current.splice(start, deleteCount ?? current.length - start, ...items);
    this.replace(current);
    return removed;
  }

  /** Removes the element at `index`. */
  remove(index: number): void {
    this.splice(index, 1);
  }

  /** Removes every element. */
  removeAll(): void {
    this.replace([]);
  }

  /** Index of the first element equal to `value` (objects compare by identity of their stored row). */
  indexOf(value: T): number {
    return this.items().findIndex((item) => sameValue(item, value));
  }

  /** Whether an element equals `value`. */
  includes(value: T): boolean {
    return this.indexOf(value) >= 0;
  }

  /** The elements mapped through `fn`. */
  map<U>(fn: (value: T, index: number) => U): U[] {
    return this.items().map(fn);
  }

  /** The elements passing `fn`. */
  filter(fn: (value: T, index: number) => boolean): T[] {
    return this.items().filter(fn);
  }

  /** Calls `fn` for every element. */
  forEach(fn: (value: T, index: number) => void): void {
    this.items().forEach(fn);
  }

  /** Plain array copy. */
  toJSON(): unknown[] {
    return this.items().map((item) => toPlain(item, new Map()));
  }

  private stored(): unknown[] {
    if (!this.isValid())
      throw new EmulatorError(
        "INVALIDATED",
        "List is no longer valid: its object was deleted or its realm closed",
      );
    return (this.row.values[this.property] as unknown[] | undefined) ?? [];
  }

  private items(): T[] {
    return [...this];
  }

  private replace(items: T[]): void {
    this.host.writeValue(this.row, this.property, items);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  const ha = handleOf(a);
  if (ha) return ha.row === handleOf(b)?.row;
  return primitivesEqual(a, b);
}
