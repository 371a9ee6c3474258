import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatorAdapter } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RealmConfigLike } from "../contracts/realm-adapter.js";
import type { RealmLike } from "../contracts/realm-like.js";
import { RealmJournal } from "./realm-journal.js";

let dir: string;
let adapter: EmulatorAdapter;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-"));
  adapter = new EmulatorAdapter({ baseDir: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An adapter that counts the write transactions of the realms it opens. */
class CountingAdapter extends EmulatorAdapter {
  transactions = 0;

  override async open(config: RealmConfigLike): Promise<RealmLike> {
    const realm = await super.open(config);
    const write = realm.write.bind(realm);
    realm.write = <T>(fn: () => T): T => {
      this.transactions++;
      return write(fn);
    };
    return realm;
  }
}

const change = (primaryKey: string, property: string, stamp: number) => ({
  objectType: "Dog",
  primaryKey,
  property,
  stamp,
});

const pending = { originalPath: "/app.realm", backupPath: "/backup.realm", lastSyncedAt: 5, detectedAt: 9 };

describe("RealmJournal", () => {
  it("tells whether opening created the file", async () => {
    const first = await RealmJournal.open(adapter, "j.realm");
    expect(first.created).toBe(true);
    first.close();
    const again = await RealmJournal.open(adapter, "j.realm");
    expect(again.created).toBe(false);
    again.close();
  });

  it("records that the pending reset was carried out, for that backup only, and keeps it across reopening", async () => {
    const journal = await RealmJournal.open(adapter, "j.realm");
    journal.markPending(pending);
    expect(journal.pendingRecovery()).toEqual({ ...pending, resetDone: false });
    journal.markResetDone();
    journal.close();
    const reopened = await RealmJournal.open(adapter, "j.realm");
    expect(reopened.pendingRecovery()?.resetDone).toBe(true);
    reopened.markPending({ ...pending, backupPath: "/other.realm" });
    expect(reopened.pendingRecovery()?.resetDone).toBe(false);
    reopened.close();
  });

  it("lists the backup of a cleared marker for deletion until it is forgotten", async () => {
    const journal = await RealmJournal.open(adapter, "j.realm");
    expect(journal.backupsToDelete()).toEqual([]);
    journal.markPending(pending);
    journal.markResetDone();
    journal.clearPending();
    expect(journal.pendingRecovery()).toBeNull();
    expect(journal.backupsToDelete()).toEqual(["/backup.realm"]);
    journal.markPending({ ...pending, backupPath: "/next.realm" });
    expect(journal.pendingRecovery()?.resetDone).toBe(false);
    journal.forgetBackup("/backup.realm");
    journal.forgetBackup("/never-listed.realm");
    expect(journal.backupsToDelete()).toEqual([]);
    journal.close();
  });

  it("writes what a batch records in one transaction when it returns, and reads inside it see it", async () => {
    const counting = new CountingAdapter({ baseDir: dir });
    const journal = await RealmJournal.open(counting, "j.realm");
    const result = journal.batch(() => {
      journal.appendChanges([change("1", "age", 10)]);
      journal.recordTombstone({ objectType: "Dog", primaryKey: "2", deletedAt: 11 });
      journal.batch(() => journal.appendChanges([change("1", "age", 12), change("3", "name", 13)]));
      expect(counting.transactions).toBe(0);
      return "done";
    });
    expect(result).toBe("done");
    expect(counting.transactions).toBe(1);
    expect(journal.changes(null)).toEqual([change("1", "age", 12), change("3", "name", 13)]);
    expect(journal.tombstones(null)).toEqual([{ objectType: "Dog", primaryKey: "2", deletedAt: 11 }]);
    journal.batch(() => {
      journal.appendChanges([change("4", "age", 14)]);
      expect(journal.changes(13)).toEqual([change("4", "age", 14)]);
    });
    expect(counting.transactions).toBe(2);
    journal.batch(() => undefined);
    expect(counting.transactions).toBe(2);
    journal.close();
  });

  it("drops what a throwing batch recorded, and keeps the order of writes inside a batch", async () => {
    const journal = await RealmJournal.open(adapter, "j.realm");
    expect(() =>
      journal.batch(() => {
        journal.appendChanges([change("1", "age", 10)]);
        throw new Error("the tracked write failed");
      }),
    ).toThrow("the tracked write failed");
    expect(journal.changes(null)).toEqual([]);
    journal.batch(() => {
      journal.recordTombstone({ objectType: "Dog", primaryKey: "2", deletedAt: 11 });
      journal.removeTombstone("Dog", "2");
    });
    expect(journal.tombstones(null)).toEqual([]);
    // A long list of entries in one call (more than a spread's arguments fit on the stack).
    const many = Array.from({ length: 300_000 }, (_, i) => change(String(i), "age", i));
    expect(() =>
      journal.batch(() => {
        journal.appendChanges(many);
        throw new Error("dropped, not written");
      }),
    ).toThrow("dropped, not written");
    expect(journal.changes(null)).toEqual([]);
    journal.close();
  });

  it("writes a record outside a batch at once", async () => {
    const counting = new CountingAdapter({ baseDir: dir });
    const journal = await RealmJournal.open(counting, "j.realm");
    journal.appendChanges([change("1", "age", 10)]);
    journal.recordTombstone({ objectType: "Dog", primaryKey: "2", deletedAt: 11 });
    expect(counting.transactions).toBe(2);
    journal.close();
  });
});
