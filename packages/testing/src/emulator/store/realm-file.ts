import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CanonicalObjectSchemaLike } from "@realm-recovery/core";
import { EmulatorError } from "../emulator-error.js";

/** Which history a realm file has: a synced realm's, or a local realm's. Realm refuses to mix them. */
export type HistoryKind = "sync" | "local";

/** A stored row: `[type, objectKey, encodedValues]`. */
export type StoredRow = [string, number, Record<string, unknown>];

/** What a realm file holds once its log is replayed. */
export interface FileContents {
  history: HistoryKind;
  schema: CanonicalObjectSchemaLike[];
  rows: Map<number, StoredRow>;
  nextKey: number;
}

type FileRecord =
  | { t: "header"; format: "realm-emulator"; version: 1; history: HistoryKind }
  | { t: "schema"; schema: CanonicalObjectSchemaLike[] }
  | { t: "tx"; put: StoredRow[]; del: number[]; nextKey: number }
  | { t: "snapshot"; rows: StoredRow[]; nextKey: number };

const FORMAT = "realm-emulator";

/**
 * The on-disk form of an emulated realm: an append-only log of committed transactions (one JSON
 * line each, written synchronously at commit, so a crash keeps every committed write), compacted
 * into a single snapshot when the last instance closes.
 */
export class RealmFile {
  constructor(readonly path: string) {}

  /** Whether the file exists. */
  exists(): boolean {
    return existsSync(this.path);
  }

  /** Reads and replays the file. Throws `FILE_ACCESS` if it is not a realm file or is corrupt. */
  read(): FileContents {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (cause) {
      throw new EmulatorError(
        "FILE_ACCESS",
        `Unable to open a realm at path '${this.path}': ${(cause as Error).message}`,
      );
    }
    const lines = text.split("\n").filter((line) => line.length > 0);
    const contents: FileContents = { history: "local", schema: [], rows: new Map(), nextKey: 1 };
    lines.forEach((line, index) => {
      let record: FileRecord;
      try {
        record = JSON.parse(line) as FileRecord;
      } catch {
        // A torn final line is a transaction that never finished committing: drop it, as Realm
        // drops an uncommitted transaction. A bad line anywhere else is corruption.
        if (index === lines.length - 1 && index > 0) return;
        throw this.corrupt(`line ${index + 1} is not valid JSON`);
      }
      if (index === 0) {
        if (record.t !== "header" || record.format !== FORMAT) throw this.corrupt("missing realm header");
        contents.history = record.history;
        return;
      }
      switch (record.t) {
        case "schema":
          contents.schema = record.schema;
          break;
        case "snapshot":
          contents.rows = new Map(record.rows.map((row) => [row[1], row]));
          contents.nextKey = record.nextKey;
          break;
        case "tx":
          for (const key of record.del) contents.rows.delete(key);
          for (const row of record.put) contents.rows.set(row[1], row);
          contents.nextKey = record.nextKey;
          break;
        default:
          throw this.corrupt(`unknown record on line ${index + 1}`);
      }
    });
    return contents;
  }

  /** Creates the file with a header and a schema. */
  create(history: HistoryKind, schema: CanonicalObjectSchemaLike[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(
      this.path,
      this.line({ t: "header", format: FORMAT, version: 1, history }) + this.line({ t: "schema", schema }),
    );
  }

  /** Appends a new schema version. */
  appendSchema(schema: CanonicalObjectSchemaLike[]): void {
    appendFileSync(this.path, this.line({ t: "schema", schema }));
  }

  /** Appends one committed transaction. */
  appendTransaction(put: StoredRow[], del: number[], nextKey: number): void {
    appendFileSync(this.path, this.line({ t: "tx", put, del, nextKey }));
  }

  /** Rewrites the file as one snapshot (atomically, through a temporary file and a rename). */
  compact(
    history: HistoryKind,
    schema: CanonicalObjectSchemaLike[],
    rows: StoredRow[],
    nextKey: number,
  ): void {
    const temp = `${this.path}.compact`;
    writeFileSync(
      temp,
      this.line({ t: "header", format: FORMAT, version: 1, history }) +
        this.line({ t: "schema", schema }) +
        this.line({ t: "snapshot", rows, nextKey }),
    );
    renameSync(temp, this.path);
  }

  private line(record: FileRecord): string {
    return JSON.stringify(record) + "\n";
  }

  private corrupt(why: string): EmulatorError {
    return new EmulatorError(
      "FILE_ACCESS",
      `Realm file at path '${this.path}' is invalid or corrupt: ${why}`,
    );
  }
}
