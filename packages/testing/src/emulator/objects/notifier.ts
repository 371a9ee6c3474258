import type {
  CollectionChangeCallbackLike,
  CollectionChangeSetLike,
  ObjectChangeCallbackLike,
  RealmObjectLike,
} from "@realm-recovery/core";
import type { CommitInfo } from "../store/realm-store.js";
import type { Row } from "../store/row.js";
import type { EmulatedResults } from "./emulated-results.js";

interface CollectionListener {
  readonly results: EmulatedResults;
  readonly callback: CollectionChangeCallbackLike<RealmObjectLike>;
  readonly keyPaths: readonly string[] | null;
  last: readonly Row[];
}

interface ObjectListener {
  readonly object: RealmObjectLike;
  readonly row: Row;
  readonly callback: ObjectChangeCallbackLike;
  readonly keyPaths: readonly string[] | null;
}

const EMPTY_CHANGES: CollectionChangeSetLike = {
  insertions: [],
  deletions: [],
  newModifications: [],
  oldModifications: [],
};

function touches(props: ReadonlySet<string> | undefined, keyPaths: readonly string[] | null): string[] {
  if (!props) return [];
  const changed = [...props];
  // A key path "a.b" watches property "a" of this object (deeper levels are not tracked separately).
  return keyPaths === null
    ? changed
    : changed.filter((p) => keyPaths.some((path) => path === p || path.startsWith(`${p}.`)));
}

/**
 * Delivers change notifications of one realm instance. Change sets are computed at commit time
 * (so indices are right even when several commits happen before delivery) and delivered
 * asynchronously, on a later turn of the event loop, as Realm delivers them; every listener is also
 * called once initially with empty changes.
 */
export class Notifier {
  private readonly collections: CollectionListener[] = [];
  private readonly objects: ObjectListener[] = [];
  private readonly realmListeners = new Set<() => void>();
  private readonly queue: (() => void)[] = [];
  private scheduled = false;
  private stopped = false;

  /** Number of collection and object listeners registered (for leak checks). */
  get listenerCount(): number {
    return this.collections.length + this.objects.length + this.realmListeners.size;
  }

  addCollection(
    results: EmulatedResults,
    callback: CollectionChangeCallbackLike<RealmObjectLike>,
    keyPaths: readonly string[] | null,
  ): void {
    const listener: CollectionListener = { results, callback, keyPaths, last: [...results.rows()] };
    this.collections.push(listener);
    this.enqueue(() => this.collections.includes(listener) && callback(results, EMPTY_CHANGES));
  }

  removeCollection(results: EmulatedResults, callback?: CollectionChangeCallbackLike<RealmObjectLike>): void {
    for (let i = this.collections.length - 1; i >= 0; i--) {
      const listener = this.collections[i]!;
      if (listener.results === results && (callback === undefined || listener.callback === callback))
        this.collections.splice(i, 1);
    }
  }

  addObject(
    object: RealmObjectLike,
    row: Row,
    callback: ObjectChangeCallbackLike,
    keyPaths: readonly string[] | null,
  ): void {
    const listener: ObjectListener = { object, row, callback, keyPaths };
    this.objects.push(listener);
    this.enqueue(
      () => this.objects.includes(listener) && callback(object, { deleted: false, changedProperties: [] }),
    );
  }

  removeObject(row: Row, callback?: ObjectChangeCallbackLike): void {
    for (let i = this.objects.length - 1; i >= 0; i--) {
      const listener = this.objects[i]!;
      if (listener.row === row && (callback === undefined || listener.callback === callback))
        this.objects.splice(i, 1);
    }
  }

  addRealmListener(callback: () => void): void {
    this.realmListeners.add(callback);
  }

  removeRealmListener(callback: () => void): void {
    this.realmListeners.delete(callback);
  }

  /** Computes the change sets of a commit and queues their delivery. */
  onCommit(commit: CommitInfo): void {
    if (this.stopped) return;
    const changedTypes = new Set<string>();
    for (const row of commit.created) changedTypes.add(row.type);
    for (const row of commit.deleted) changedTypes.add(row.type);
    for (const row of commit.modified.keys()) changedTypes.add(row.type);
    if (changedTypes.size === 0) return;
    for (const listener of this.collections) {
      if (!changedTypes.has(listener.results.type)) continue;
      const changes = diff(listener.last, listener.results.rows(), commit, listener.keyPaths);
      listener.last = [...listener.results.rows()];
      if (!changes) continue;
      this.enqueue(() => this.collections.includes(listener) && listener.callback(listener.results, changes));
    }
    for (const listener of this.objects) {
      if (commit.deleted.has(listener.row)) {
        this.enqueue(
          () =>
            this.objects.includes(listener) &&
            listener.callback(listener.object, { deleted: true, changedProperties: [] }),
        );
        continue;
      }
      const changed = touches(commit.modified.get(listener.row), listener.keyPaths);
      if (changed.length === 0) continue;
      this.enqueue(
        () =>
          this.objects.includes(listener) &&
          listener.callback(listener.object, { deleted: false, changedProperties: changed }),
      );
    }
    for (const callback of this.realmListeners)
      this.enqueue(() => this.realmListeners.has(callback) && callback());
  }

  /** Drops every listener and pending notification (on close). */
  stop(): void {
    this.stopped = true;
    this.collections.length = 0;
    this.objects.length = 0;
    this.realmListeners.clear();
    this.queue.length = 0;
  }

  private enqueue(delivery: () => unknown): void {
    this.queue.push(delivery);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.queue.splice(0);
      for (const deliver of batch) if (!this.stopped) deliver();
    });
  }
}

function diff(
  before: readonly Row[],
  after: readonly Row[],
  commit: CommitInfo,
  keyPaths: readonly string[] | null,
): CollectionChangeSetLike | null {
  const oldIndex = new Map<Row, number>();
  before.forEach((row, i) => oldIndex.set(row, i));
  const newIndex = new Map<Row, number>();
  after.forEach((row, i) => newIndex.set(row, i));
  const changes: CollectionChangeSetLike = {
    insertions: [],
    deletions: [],
    newModifications: [],
    oldModifications: [],
  };
  before.forEach((row, i) => {
    if (!newIndex.has(row)) changes.deletions.push(i);
  });
  after.forEach((row, i) => {
    const old = oldIndex.get(row);
    if (old === undefined) changes.insertions.push(i);
    else if (touches(commit.modified.get(row), keyPaths).length > 0) {
      changes.newModifications.push(i);
      changes.oldModifications.push(old);
    }
  });
  const empty = changes.insertions.length + changes.deletions.length + changes.newModifications.length === 0;
  return empty ? null : changes;
}

/** Resolves after every change notification queued so far has been delivered. */
export function flushNotifications(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
