import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatorAdapter } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RealmJournal } from "./realm-journal.js";

let dir: string;
let adapter: EmulatorAdapter;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-"));
  adapter = new EmulatorAdapter({ baseDir: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
});
