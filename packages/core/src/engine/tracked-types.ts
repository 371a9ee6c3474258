import type { RealmLike } from "../contracts/realm-like.js";
import { PropertyKinds } from "./property-kinds.js";

/** What a tracked write needs to know of one object type. */
export interface WrittenType {
  /** Whether the realm's schema has the type. */
  readonly exists: boolean;
  readonly primaryKey: string | undefined;
  /** Whether its writes are stamped (see {@link TrackedTypes}). */
  readonly tracked: boolean;
  readonly kinds: PropertyKinds;
}

/**
 * What tracked writes need to know of each object type of one realm, read from its schema on a
 * type's first write and kept for every later transaction. Read in every transaction, as before,
 * it cost more than the stamping of a one-object transaction (and an app's edits are mostly one
 * object per transaction): on the emulator such a transaction took 2.1 to 2.4 times a
 * hand-stamped one, and 1.3 to 1.5 times with the types kept. Realm 12 builds `realm.schema` anew on every read
 * (`fromBindingRealmSchema` in its `get schema()`), so on Realm it costs more still.
 *
 * A realm's schema only grows while it is open (additive changes synced from other devices): a
 * type not seen before is looked up again, and a property not seen before takes a tracked write's
 * general path (`create(..., "modified")`), which needs no kind.
 *
 * @example
 * const types = new TrackedTypes(realm, new Set(["Dog"]));
 * types.of("Dog").primaryKey; // "_id"
 */
export class TrackedTypes {
  readonly #types = new Map<string, WrittenType>();

  constructor(
    /** The realm whose schema is read. */
    readonly realm: RealmLike,
    /** Object types whose writes are stamped (others are written unstamped). */
    private readonly objectTypes: ReadonlySet<string>,
  ) {}

  /** What a write of `type` needs to know (read from the schema on first use, and while missing). */
  of(type: string): WrittenType {
    let written = this.#types.get(type);
    if (!written) {
      const schema = this.realm.schema.find((candidate) => candidate.name === type);
      written = {
        exists: schema !== undefined,
        primaryKey: schema?.primaryKey,
        tracked: this.objectTypes.has(type),
        kinds: new PropertyKinds(schema),
      };
      // A type the schema lacks is not kept: it may yet arrive with a schema change.
      if (schema) this.#types.set(type, written);
    }
    return written;
  }
}
