import type { Changeset, Instruction, PortableValue } from "../emulator/store/changeset.js";
import { portableDictionaryEntries } from "../emulator/store/portable-codec.js";
import { primaryKeyString } from "../emulator/values/bson-values.js";
import { type Json, decodeState, encodeState } from "./state-codec.js";

interface ServerObject {
  readonly primaryKey: unknown;
  values: Record<string, PortableValue>;
}

/** One integrated changeset in the server's history. */
export interface ServerHistoryEntry {
  /** Server version after this changeset. */
  readonly version: number;
  /** Client that uploaded it. */
  readonly client: string;
  /** The instructions as the server applied them (dropped ones removed). */
  readonly instructions: readonly Instruction[];
}

/**
 * The simulated sync server: integrates uploaded changesets in arrival order with simple,
 * deterministic merge rules, keeps a history clients download from, and serves full snapshots to
 * fresh realms (after a client reset).
 *
 * Merge rules: a later set of a field wins; a delete wins over an earlier set; a set on a deleted
 * (or unknown) object is dropped; a create of a deleted key recreates it; a create of an existing
 * key sets the given fields. Dictionaries merge key by key, as in Realm: a later set or erase of a
 * key wins for that key only, and a create of an existing object adds its keys, while assigning a
 * whole dictionary replaces every key.
 */
export class SyncServer {
  private readonly tables = new Map<string, Map<string, ServerObject>>();
  private readonly log: ServerHistoryEntry[] = [];
  /** Current server version (number of integrated changesets). */
  version = 0;

  /** Integrates changesets uploaded by `client`, in order. */
  integrate(client: string, changesets: readonly Changeset[]): void {
    for (const changeset of changesets) {
      const applied = changeset.instructions.filter((instruction) => this.apply(instruction));
      this.version++;
      this.log.push({ version: this.version, client, instructions: applied });
    }
  }

  /** Changesets integrated after `version`, oldest first. */
  changesSince(version: number): readonly ServerHistoryEntry[] {
    return this.log.filter((entry) => entry.version > version);
  }

  /** The whole server state as create instructions (what a fresh realm downloads). */
  snapshot(): Instruction[] {
    const out: Instruction[] = [];
    for (const [type, table] of this.tables) {
      for (const object of table.values())
        out.push({ op: "create", type, primaryKey: object.primaryKey, values: { ...object.values } });
    }
    return out;
  }

  /** Object types the server has seen. */
  types(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** The objects of `type` in portable form, with their primary keys. */
  objects(type: string): { primaryKey: unknown; values: Readonly<Record<string, PortableValue>> }[] {
    return [...(this.tables.get(type)?.values() ?? [])];
  }

  /** Whether the server has an object of `type` with primary key `primaryKey`. */
  has(type: string, primaryKey: unknown): boolean {
    return this.tables.get(type)?.has(primaryKeyString(primaryKey)) ?? false;
  }

  /** The server's whole state as JSON (see {@link load}). */
  save(): Json {
    return encodeState({
      version: this.version,
      log: this.log,
      tables: [...this.tables].map(([type, table]) => [type, [...table.values()]]),
    });
  }

  /** Replaces the server's state with one {@link save} returned (in this or another process). */
  load(json: Json): void {
    const state = decodeState(json) as {
      version: number;
      log: ServerHistoryEntry[];
      tables: [string, ServerObject[]][];
    };
    this.version = state.version;
    this.log.splice(0, this.log.length, ...state.log);
    this.tables.clear();
    for (const [type, objects] of state.tables)
      this.tables.set(type, new Map(objects.map((object) => [primaryKeyString(object.primaryKey), object])));
  }

  private apply(instruction: Instruction): boolean {
    let table = this.tables.get(instruction.type);
    if (!table) this.tables.set(instruction.type, (table = new Map()));
    const key = primaryKeyString(instruction.primaryKey);
    const existing = table.get(key);
    switch (instruction.op) {
      case "create":
        if (!existing) {
          table.set(key, { primaryKey: instruction.primaryKey, values: { ...instruction.values } });
          return true;
        }
        // A create of an existing object sets its fields, and a dictionary gains the created keys.
        for (const [property, value] of Object.entries(instruction.values)) {
          const current = portableDictionaryEntries(existing.values[property]);
          const created = portableDictionaryEntries(value);
          existing.values[property] =
            current && created ? { $dictionary: { ...current, ...created } } : value;
        }
        return true;
      case "set":
        if (!existing) return false;
        existing.values[instruction.property] = instruction.value;
        return true;
      case "dictionary-set":
      case "dictionary-erase": {
        if (!existing) return false;
        const current = existing.values[instruction.property];
        const entries: Record<string, PortableValue> = { ...portableDictionaryEntries(current) };
        if (instruction.op === "dictionary-set") entries[instruction.key] = instruction.value;
        else delete entries[instruction.key];
        existing.values[instruction.property] = { $dictionary: entries };
        return true;
      }
      case "delete":
        return table.delete(key);
    }
  }
}
