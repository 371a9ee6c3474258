import { type ClientResetStrategy, type ConflictResolver, SKIP } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import {
  type ScenarioConflictPolicy,
  type ScenarioStep,
  type ScenarioStrategyOptions,
  parseScenario,
  runScenario,
} from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// Each conflict policy on the simulator, in the cases where the policies disagree (DESIGN §8–§9).

const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int?" } };
const shared: ScenarioStep[] = [
  { client: "a", op: "create", type: "Dog", value: { _id: "1", name: "Rex", age: 1 } },
  { client: "a", op: "sync" },
  { client: "b", op: "sync" },
  { client: "a", op: "offline" },
];
const resetA: ScenarioStep[] = [
  { client: "a", op: "clientReset" },
  { client: "a", op: "online" },
  { op: "syncAll" },
];

/** a changes age offline, then b changes the same field later and syncs. */
const sameField: ScenarioStep[] = [
  ...shared,
  { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
  { client: "b", op: "update", type: "Dog", id: "1", set: { age: 3 } },
  { client: "b", op: "sync" },
  ...resetA,
];
/** a changes age offline; b deletes the dog and syncs. */
const remoteDelete: ScenarioStep[] = [
  ...shared,
  { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
  { client: "b", op: "delete", type: "Dog", id: "1" },
  { client: "b", op: "sync" },
  ...resetA,
];
/** a deletes the dog offline; b then renames it and syncs. */
const localDelete: ScenarioStep[] = [
  ...shared,
  { client: "a", op: "delete", type: "Dog", id: "1" },
  { client: "b", op: "update", type: "Dog", id: "1", set: { name: "Max" } },
  { client: "b", op: "sync" },
  ...resetA,
];
/** a creates a dog offline. */
const localCreate: ScenarioStep[] = [
  ...shared,
  { client: "a", op: "create", type: "Dog", value: { _id: "2", name: "Fido", age: 4 } },
  ...resetA,
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type MakeStrategy = (options: ScenarioStrategyOptions) => ClientResetStrategy;

async function run(steps: ScenarioStep[], strategy: MakeStrategy, conflictPolicy?: ScenarioConflictPolicy) {
  const baseDir = mkdtempSync(join(tmpdir(), "rr-policy-"));
  dirs.push(baseDir);
  const scenario = parseScenario({
    schema: [Dog],
    strategy: "custom",
    tracker: "listener",
    clients: ["a", "b"],
    steps,
    ...(conflictPolicy ? { conflictPolicy } : {}),
  });
  const result = await runScenario(scenario, { strategy, tracker: () => listenerTracker() }, { baseDir });
  const dog = (id: string) => {
    const found = result.server.Dog?.find((d) => d._id === id);
    return found ? { name: found.name, age: found.age } : undefined;
  };
  // Every client converged on the server's state.
  for (const objects of Object.values(result.clients)) {
    expect((objects.Dog ?? []).map((d) => d._id)).toEqual((result.server.Dog ?? []).map((d) => d._id));
  }
  return { result, dog, records: result.reports.flatMap((r) => r.records ?? []) };
}

const object: MakeStrategy = (options) => objectStrategy(options);
const field: MakeStrategy = (options) => fieldStrategy(options);
const changelog: MakeStrategy = (options) => changelogStrategy(options);

describe("conflict policies on the simulator", () => {
  describe("same field changed on both sides, the remote write newer", () => {
    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)("%s: newer-wins keeps the newer remote value", async (_name, strategy) => {
      const { dog, records } = await run(sameField, strategy, "newer-wins");
      expect(dog("1")).toEqual({ name: "Rex", age: 3 });
      expect(records).toContainEqual(expect.objectContaining({ action: "skip", rule: "remote-newer" }));
    });

    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)("%s: client-wins keeps the local value (Realm's rule)", async (_name, strategy) => {
      const { dog, records } = await run(sameField, strategy, "client-wins");
      expect(dog("1")).toEqual({ name: "Rex", age: 2 });
      expect(records).toContainEqual(expect.objectContaining({ action: "update", rule: "client-wins" }));
    });

    it("field: a resolver settles the field with both values and the stamps", async () => {
      const seen: unknown[] = [];
      const addAges: ConflictResolver = (local, remote, meta) => {
        seen.push({ local, remote, meta });
        return Number(local) + Number(remote);
      };
      const { dog, records } = await run(sameField, () => fieldStrategy({ conflictPolicy: addAges }));
      expect(dog("1")).toEqual({ name: "Rex", age: 5 });
      expect(seen).toEqual([
        {
          local: 2,
          remote: 3,
          meta: expect.objectContaining({
            kind: "update",
            objectType: "Dog",
            primaryKey: "1",
            property: "age",
          }),
        },
      ]);
      expect(records).toContainEqual(
        expect.objectContaining({ property: "age", local: 2, remote: 3, resolved: 5, rule: "resolver" }),
      );
    });

    it("object: a resolver gets both objects as plain records and SKIP keeps the remote one", async () => {
      const keepRemote: ConflictResolver = (local, remote) => {
        expect(local).toEqual({ _id: "1", name: "Rex", age: 2 });
        expect(remote).toEqual({ _id: "1", name: "Rex", age: 3 });
        return SKIP;
      };
      const { dog, records } = await run(sameField, () => objectStrategy({ conflictPolicy: keepRemote }));
      expect(dog("1")).toEqual({ name: "Rex", age: 3 });
      expect(records).toContainEqual(expect.objectContaining({ action: "skip", rule: "resolver-skip" }));
    });
  });

  describe("a local update of an object the server deleted", () => {
    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)(
      "%s: newer-wins re-creates it (an undated remote delete never loses local data)",
      async (_n, s) => {
        const { dog } = await run(remoteDelete, s, "newer-wins");
        expect(dog("1")).toEqual({ name: "Rex", age: 2 });
      },
    );

    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)("%s: client-wins lets the server delete win", async (_name, strategy) => {
      const { dog, records } = await run(remoteDelete, strategy, "client-wins");
      expect(dog("1")).toBeUndefined();
      expect(records).toContainEqual(
        expect.objectContaining({ primaryKey: "1", action: "skip", rule: "remote-delete-wins" }),
      );
    });

    it("object: a resolver asked about the remote delete can bring the object back", async () => {
      const revive: ConflictResolver = (local, remote, meta) => {
        expect(meta.kind).toBe("remote-delete");
        expect(remote).toBeNull();
        return local;
      };
      const { dog } = await run(remoteDelete, () => objectStrategy({ conflictPolicy: revive }));
      expect(dog("1")).toEqual({ name: "Rex", age: 2 });
    });
  });

  describe("a local delete of an object the server wrote after it", () => {
    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)("%s: newer-wins keeps the newer remote object", async (_name, strategy) => {
      const { dog, records } = await run(localDelete, strategy, "newer-wins");
      expect(dog("1")).toEqual({ name: "Max", age: 1 });
      expect(records).toContainEqual(expect.objectContaining({ rule: "remote-written-after-delete" }));
    });

    it.each([
      ["object", object],
      ["field", field],
      ["changelog", changelog],
    ] as const)("%s: client-wins applies the local delete", async (_name, strategy) => {
      const { dog, records } = await run(localDelete, strategy, "client-wins");
      expect(dog("1")).toBeUndefined();
      expect(records).toContainEqual(expect.objectContaining({ action: "delete", rule: "local-delete" }));
    });
  });

  it.each([
    ["object", "newer-wins", object],
    ["object", "client-wins", object],
    ["field", "newer-wins", field],
    ["field", "client-wins", field],
    ["changelog", "newer-wins", changelog],
    ["changelog", "client-wins", changelog],
  ] as const)("%s under %s integrates a local create", async (_name, policy, strategy) => {
    const { dog, records } = await run(localCreate, strategy, policy);
    expect(dog("2")).toEqual({ name: "Fido", age: 4 });
    expect(records).toContainEqual(
      expect.objectContaining({ primaryKey: "2", action: "create", rule: "local-create" }),
    );
  });

  it("changelog under newer-wins dates remote writes by its synced stamp model, which only stamped writes fill", async () => {
    const { result } = await run(sameField, changelog, "newer-wins");
    // One object per stamped object, keyed by type and primary key (its type-tagged string form).
    expect(result.server.RecoveryFieldStamp).toEqual([{ _id: "Dog:s:1", stamps: expect.any(Object) }]);
    const stamps = result.server.RecoveryFieldStamp![0]!.stamps as Record<string, number>;
    expect(Object.keys(stamps).sort()).toEqual(["age", "name"]);
    expect(changelogStrategy().models()).toEqual([]);
    expect(changelogStrategy({ conflictPolicy: "newer-wins", stampModel: "Stamps" }).models()).toEqual([
      { name: "Stamps", primaryKey: "_id", properties: { _id: "string", stamps: "int{}" } },
    ]);
  });

  it("rejects an unknown policy or an invalid stamp model name with a typed error", () => {
    expect(() => objectStrategy({ conflictPolicy: "oldest-wins" as never })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
    expect(() => changelogStrategy({ conflictPolicy: "newer-wins", stampModel: "no spaces" })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});
