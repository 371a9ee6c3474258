/** A link to another stored object, by the target's object key. */
export class LinkRef {
  constructor(
    readonly type: string,
    readonly key: number,
  ) {}
}

/**
 * One stored object (top-level or embedded). Values are kept in the emulator's internal form:
 * primitives, `LinkRef` for links, nested `Row`s for embedded objects, arrays for lists and sets,
 * and `Map`s for dictionaries.
 */
export class Row {
  /** False once the object is deleted; managed objects then report `isValid() === false`. */
  live = true;

  constructor(
    readonly type: string,
    /** Object key, unique within the realm file; embedded rows use negative keys. */
    readonly key: number,
    readonly values: Record<string, unknown>,
    /** The parent row of an embedded object. */
    public parent: Row | null = null,
    /** The property of `parent` that holds this embedded object (directly or in a collection). */
    public parentProperty: string | null = null,
  ) {}
}
