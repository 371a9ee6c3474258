// What each stamping strategy keeps on a write, written by hand: the side the stamping benchmark
// measures `recovery.write` against (see stamping.mjs).

/**
 * A change-log entry as a hand-written log would keep it: what recovery needs to find the change,
 * keyed by (object, property) so the latest stamp replaces older ones.
 */
const change = (id, property, stamp) => ({
  _id: `Dog\u0000${id}\u0000${property}`,
  objectType: "Dog",
  primaryKey: id,
  property,
  stamp,
});

/**
 * What each strategy keeps on a write, written by hand: the realm a developer would open instead
 * (`schema`), what a transaction of such writes does around them (`transaction`: its realm write,
 * handing each write what it needs), and the writes themselves. `next(dog)`: a stamp newer than the
 * object's (as the strategies take), from a counter that starts each transaction at the wall clock.
 */
export const stampingByHand = {
  object: {
    create: (raw, _log, id, stamp) => raw.create("Dog", { _id: id, name: "d", age: 1, lastUpdated: stamp }),
    update(raw, _log, id, age, next) {
      const dog = raw.objectForPrimaryKey("Dog", id);
      dog.age = age;
      dog.lastUpdated = next(dog.lastUpdated);
    },
  },
  field: {
    create: (raw, _log, id, stamp) =>
      raw.create("Dog", {
        _id: id,
        name: "d",
        age: 1,
        fieldStamps: { name: stamp, age: stamp },
        lastUpdated: stamp,
      }),
    update(raw, _log, id, age, next) {
      const dog = raw.objectForPrimaryKey("Dog", id);
      const stamp = next(dog.lastUpdated);
      dog.age = age;
      dog.fieldStamps.set({ age: stamp });
      dog.lastUpdated = stamp;
    },
  },
  // The writes as they are, each changed field logged in a journal realm of its own, written once
  // per transaction before the transaction commits (as recovery.write does).
  changelog: {
    journal: true,
    create(raw, log, id, stamp) {
      raw.create("Dog", { _id: id, name: "d", age: 1 });
      for (const property of ["$create", "name", "age"]) log.push(change(id, property, stamp));
    },
    update(raw, log, id, age, next) {
      raw.objectForPrimaryKey("Dog", id).age = age;
      log.push(change(id, "age", next(null)));
    },
  },
};
