/**
 * A value as it travels between devices: links are named by the target's type and primary key
 * (object keys are local to one file), embedded objects and dictionaries are plain tagged objects.
 */
export type PortableValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | object
  | PortableValue[]
  | { readonly $link: { readonly type: string; readonly primaryKey: unknown } }
  | { readonly $embedded: Readonly<Record<string, PortableValue>> }
  | { readonly $dictionary: Readonly<Record<string, PortableValue>> };

/**
 * One sync instruction of a changeset (what a client uploads and the server keeps in its history).
 * As in Realm Sync, assigning a whole dictionary (`set` of a dictionary property) replaces every
 * key, while `Dictionary.set` / `remove` change only the keys they name, so two devices writing
 * different keys of one dictionary both keep theirs.
 */
export type Instruction =
  | {
      readonly op: "create";
      readonly type: string;
      readonly primaryKey: unknown;
      readonly values: Readonly<Record<string, PortableValue>>;
    }
  | {
      readonly op: "set";
      readonly type: string;
      readonly primaryKey: unknown;
      readonly property: string;
      readonly value: PortableValue;
    }
  | {
      /** One key of a dictionary property set (Realm's `Dictionary.set`, not an assignment). */
      readonly op: "dictionary-set";
      readonly type: string;
      readonly primaryKey: unknown;
      readonly property: string;
      readonly key: string;
      readonly value: PortableValue;
    }
  | {
      /** One key of a dictionary property removed (`Dictionary.remove`). */
      readonly op: "dictionary-erase";
      readonly type: string;
      readonly primaryKey: unknown;
      readonly property: string;
      readonly key: string;
    }
  | { readonly op: "delete"; readonly type: string; readonly primaryKey: unknown };

/** The instructions of one committed write transaction. */
export interface Changeset {
  readonly instructions: readonly Instruction[];
}
