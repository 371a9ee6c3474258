import type { CanonicalObjectSchemaLike, RealmLike, RealmObjectLike } from "../contracts/realm-like.js";
import { plainCopy } from "./plain-copy.js";
import type { RecoveryTally } from "./recovery-tally.js";

/**
 * Backup objects whose links pointed at objects not yet in the fresh realm when they were copied.
 * Once every object of the run is in place, `resolve` copies their link properties again.
 */
export class LinkRetries {
  private readonly pending: { type: string; object: RealmObjectLike; properties: string[] }[] = [];

  /** Remembers the link `properties` of `object` to copy again later. */
  add(type: string, object: RealmObjectLike, properties: string[]): void {
    if (properties.length > 0) this.pending.push({ type, object, properties });
  }

  /** Copies the remembered links again; links still unresolved are reported in `tally`. */
  resolve(
    fresh: RealmLike,
    freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
    tally: RecoveryTally,
  ): void {
    if (this.pending.length === 0) return;
    fresh.write(() => {
      for (const { type, object, properties } of this.pending) {
        const primaryKeyName = freshSchemas.get(type)?.primaryKey;
        if (!primaryKeyName) continue;
        const { values, unresolvedLinks } = plainCopy(object, type, fresh, freshSchemas, properties);
        fresh.create(type, { ...values, [primaryKeyName]: object[primaryKeyName] }, "modified");
        for (const record of unresolvedLinks) tally.skip(record);
      }
    });
    this.pending.length = 0;
  }
}
