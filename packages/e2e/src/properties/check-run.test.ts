import type { PlainObjects } from "@realm-recovery/testing";
import { describe, expect, it } from "vitest";
import { checkRun } from "./check-run.js";
import type { ScheduleRun, WriteRecord } from "./run-schedule.js";

// Tests of the oracles themselves: hand-made runs with a right and a wrong recovery outcome.
// c1 is reset; c0 created Dog 1 and Dog 2 (synced) and later renamed Dog 1 (synced);
// c1 changed Dog 1's age and deleted Dog 2 without uploading.

type Dog = { name: string; age: number; color: string };

function write(
  index: number,
  client: string,
  op: WriteRecord["op"],
  id: string,
  values: Record<string, string | number>,
  stamp: number,
  synced: boolean,
): WriteRecord {
  return { index, client, op, type: "Dog", id, values, stamp, beforeReset: true, synced };
}

function history(renameStamp: number): WriteRecord[] {
  return [
    write(1, "c0", "create", "1", { name: "w1", age: 1, color: "w1" }, 100, true),
    write(2, "c0", "create", "2", { name: "w2", age: 2, color: "w2" }, 101, true),
    write(3, "c1", "update", "1", { age: 3 }, 300, false),
    write(4, "c1", "delete", "2", {}, 301, false),
    write(5, "c0", "update", "1", { name: "w5" }, renameStamp, true),
  ];
}

/** Dog objects as a strategy stores them: object stamps, field stamps, or none. */
function dogs(
  strategy: string,
  list: (Dog & { _id: string; stamps: Record<string, number> })[],
): PlainObjects {
  return {
    Dog: list.map(({ stamps, ...dog }) => {
      const newest = Math.max(...Object.values(stamps));
      if (strategy === "object") return { ...dog, lastUpdated: newest };
      if (strategy === "field") return { ...dog, fieldStamps: stamps, lastUpdated: newest };
      return dog;
    }),
  };
}

/** Each field's stamp: the stamp of the write that produced its value (value n or "wn": write n). */
function stampsOfValues(dog: Dog, writes: readonly WriteRecord[]): Record<string, number> {
  const stampOf = (value: string | number) =>
    writes.find((w) => w.index === (typeof value === "number" ? value : Number(value.slice(1))))!.stamp;
  return { name: stampOf(dog.name), age: stampOf(dog.age), color: stampOf(dog.color) };
}

function scenario(strategy: string, renameStamp: number, recovered: (Dog & { _id: string })[] | "fresh") {
  const fresh = dogs(strategy, [
    { _id: "1", name: "w5", age: 1, color: "w1", stamps: { name: renameStamp, age: 100, color: 100 } },
    { _id: "2", name: "w2", age: 2, color: "w2", stamps: { name: 101, age: 101, color: 101 } },
  ]);
  const backup = dogs(strategy, [
    { _id: "1", name: "w1", age: 3, color: "w1", stamps: { name: 100, age: 300, color: 100 } },
  ]);
  const after =
    recovered === "fresh"
      ? fresh
      : dogs(
          strategy,
          recovered.map((dog) => ({ ...dog, stamps: stampsOfValues(dog, history(renameStamp)) })),
        );
  const run: ScheduleRun = {
    writes: history(renameStamp),
    reset: {
      client: "c1",
      lastSyncedAt: 200,
      fresh,
      backup,
      recovered: after,
      recoveredClient: after,
      failure: null,
    },
    final: { server: after, clients: { c0: after, c1: after } },
  };
  return run;
}

const dog = (id: string, name: string, age: number, color: string) => ({ _id: id, name, age, color });

describe("checkRun's oracles", () => {
  describe("field", () => {
    it("accept the merge of an older remote rename with a newer unsynced age and the re-applied delete", () => {
      expect(checkRun("field", scenario("field", 250, [dog("1", "w5", 3, "w1")])).violations).toEqual([]);
    });

    it("catch a lost unsynced field write", () => {
      const verdict = checkRun("field", scenario("field", 250, [dog("1", "w5", 1, "w1")]));
      expect(verdict.violations.join("\n")).toMatch(/Dog 1: .*age: unsynced local 300 newer than fresh 100/);
    });

    it("catch a clobbered newer remote field and a resurrected delete", () => {
      const verdict = checkRun(
        "field",
        scenario("field", 400, [dog("1", "w1", 3, "w1"), dog("2", "w2", 2, "w2")]),
      );
      expect(verdict.violations.join("\n")).toMatch(/Dog 1: name: fresh 400 newer than backup 100/);
      expect(verdict.violations.join("\n")).toMatch(/Dog 2: the unsynced local delete \(301\)/);
    });
    it("catch field stamps out of step with the values on the server", () => {
      const run = scenario("field", 250, [dog("1", "w5", 3, "w1")]);
      const recovered = run.reset.recovered.Dog![0]!;
      recovered.fieldStamps = { ...(recovered.fieldStamps as Record<string, number>), name: 100 };
      expect(checkRun("field", run).violations.join("\n")).toMatch(
        /Dog 1: fieldStamps.name is 100, but its value came from write 5 stamped 250/,
      );
    });
  });

  describe("object", () => {
    it("want the newer unsynced local object whole", () => {
      expect(checkRun("object", scenario("object", 250, [dog("1", "w1", 3, "w1")])).violations).toEqual([]);
      const verdict = checkRun("object", scenario("object", 250, [dog("1", "w5", 3, "w1")]));
      expect(verdict.violations.join("\n")).toMatch(/Dog 1: the unsynced local object \(300\) is newer/);
    });

    it("want a newer remote object kept whole", () => {
      const verdict = checkRun("object", scenario("object", 400, [dog("1", "w1", 3, "w1")]));
      expect(verdict.violations.join("\n")).toMatch(/Dog 1: the fresh object \(400\) is newer/);
      expect(checkRun("object", scenario("object", 400, "fresh")).violations).toEqual([
        "(reset client c1, LastSynced 200)",
        expect.stringMatching(/Dog 2: the unsynced local delete/),
      ]);
    });
  });

  it("overwrite wants the backup restored exactly and the rest left alone", () => {
    expect(
      checkRun("overwrite", scenario("overwrite", 400, [dog("1", "w1", 3, "w1"), dog("2", "w2", 2, "w2")]))
        .violations,
    ).toEqual([]);
    const verdict = checkRun("overwrite", scenario("overwrite", 400, [dog("1", "w5", 3, "w1")]));
    expect(verdict.violations.join("\n")).toMatch(/Dog 1: the backup is restored exactly/);
    expect(verdict.violations.join("\n")).toMatch(/Dog 2: not in the backup/);
  });

  it("changelog wants logged unsynced fields to win (client-wins) and keeps unlogged ones", () => {
    expect(checkRun("changelog", scenario("changelog", 400, [dog("1", "w5", 3, "w1")])).violations).toEqual(
      [],
    );
    const verdict = checkRun("changelog", scenario("changelog", 400, [dog("1", "w1", 3, "w1")]));
    expect(verdict.violations.join("\n")).toMatch(/Dog 1: logged fields of unsynced writes win/);
  });

  it("catches a LastSynced that covers an unsynced write, and clients that did not converge", () => {
    const run = scenario("overwrite", 400, [dog("1", "w1", 3, "w1"), dog("2", "w2", 2, "w2")]);
    const skewed: ScheduleRun = {
      ...run,
      reset: { ...run.reset, lastSyncedAt: 300 },
      final: { ...run.final, clients: { ...run.final.clients, c0: {} } },
    };
    const text = checkRun("overwrite", skewed).violations.join("\n");
    expect(text).toMatch(/LastSynced 300 covers write 3 \(stamp 300\)/);
    expect(text).toMatch(/c0 did not converge/);
  });
});
