import {
  type ClientResetStrategy,
  type Journal,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type StampedUpsert,
  declaredStampValues,
  newestDeclaredStamp,
} from "@realm-recovery/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StrategyFixture } from "../fixtures/strategy-fixture.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};

/**
 * The rules every `ClientResetStrategy` must keep, ours or a user's, as a Vitest suite: a name, a
 * schema that only adds properties, own models apart from the app's, one final `recovered` event, every object recovered when the
 * realm never synced, no delete inferred from an object missing in the backup, and idempotence; and
 * for a recorder that declares its stamps, that they are properties its schema adds and that its
 * `recordUpsert` and `latestStamp` agree with what core writes and reads for the declaration.
 *
 * @example
 * // my-strategy.contract.test.ts
 * runStrategyContract("my-strategy", () => new MyStrategy());
 */
export function runStrategyContract(label: string, create: () => ClientResetStrategy): void {
  describe(`${label} keeps the ClientResetStrategy contract`, () => {
    let strategy: ClientResetStrategy;
    let fixture: StrategyFixture;
    beforeEach(async () => {
      strategy = create();
      fixture = await StrategyFixture.create([strategy.schema(Dog), ...(strategy.models?.() ?? [])]);
    });
    afterEach(() => fixture.dispose());

    const localDogs = () =>
      fixture.local.write(() => {
        fixture.local.create("Dog", { _id: "1", name: "Rex", age: 1 });
        fixture.local.create("Dog", { _id: "2", name: "Max", age: 2 });
      });

    it("has a non-empty name", () => {
      expect(typeof strategy.name).toBe("string");
      expect(strategy.name.length).toBeGreaterThan(0);
    });

    it("only adds properties to a schema, and adding them twice changes nothing", () => {
      const once = strategy.schema(Dog);
      expect(once.name).toBe("Dog");
      expect(once.primaryKey).toBe("_id");
      for (const [name, property] of Object.entries(Dog.properties))
        expect(once.properties[name]).toEqual(property);
      expect(strategy.schema(once)).toEqual(once);
    });

    it("keeps its own models (if any) apart from the app's: other names, each with a primary key", () => {
      for (const model of strategy.models?.() ?? []) {
        expect(model.name).not.toBe(Dog.name);
        expect(model.primaryKey).toBeTruthy();
      }
    });

    const declared = create().recorder.stamps;
    if (declared) {
      it("declares stamps its schema adds, and its recorder returns and reads what core does for them", () => {
        const added = Object.keys(strategy.schema(Dog).properties).filter(
          (name) => !(name in Dog.properties),
        );
        for (const name of [declared.updated, declared.created, declared.fields]) {
          if (name !== undefined) expect(added).toContain(name);
        }
        const write = (previous: RealmObjectLike | null, changed: string[], stamp: number) =>
          ({
            objectType: "Dog",
            primaryKey: "1",
            changed,
            previous,
            stamp,
            journal: {} as Journal,
          }) satisfies StampedUpsert;
        const created = { _id: "1", name: "Rex", age: 1 };
        expect(strategy.recorder.recordUpsert(write(null, ["name", "age"], 7))).toEqual(
          declaredStampValues(declared, 7, created, null, "_id"),
        );
        const realm = fixture.local;
        const dog = realm.write(() =>
          realm.create("Dog", { ...created, ...declaredStampValues(declared, 7, created, null, "_id") }),
        );
        expect(strategy.recorder.recordUpsert(write(dog, ["age"], 8))).toEqual(
          declaredStampValues(declared, 8, { age: 2 }, ["age"], "_id"),
        );
        if (strategy.recorder.latestStamp)
          expect(strategy.recorder.latestStamp(dog)).toBe(newestDeclaredStamp(dog, declared));
      });
    }

    it("emits progress, then exactly one recovered event naming the strategy, then completes", async () => {
      localDogs();
      const { events, report } = await fixture.recover(strategy, null, ["Dog"]);
      expect(events.filter((e) => e.type === "recovered")).toHaveLength(1);
      expect(events.at(-1)!.type).toBe("recovered");
      expect(events.slice(0, -1).every((e) => e.type === "recovery-progress")).toBe(true);
      expect(report.strategy).toBe(strategy.name);
    });

    it("recovers every backup object when the realm never synced", async () => {
      localDogs();
      await fixture.recover(strategy, null, ["Dog"]);
      expect(fixture.fresh.objectForPrimaryKey("Dog", "1")?.name).toBe("Rex");
      expect(fixture.fresh.objectForPrimaryKey("Dog", "2")?.name).toBe("Max");
    });

    it("never infers a delete from an object missing in the backup", async () => {
      localDogs();
      fixture.fresh.write(() => fixture.fresh.create("Dog", { _id: "remote", name: "Only on the server" }));
      await fixture.recover(strategy, null, ["Dog"]);
      expect(fixture.fresh.objectForPrimaryKey("Dog", "remote")).not.toBeNull();
    });

    it("gives the same fresh realm when it runs twice", async () => {
      localDogs();
      await fixture.recover(strategy, null, ["Dog"]);
      const first = fixture.fresh.objects("Dog").toJSON();
      await fixture.recover(strategy, null, ["Dog"]);
      expect(fixture.fresh.objects("Dog").toJSON()).toEqual(first);
    });
  });
}
