#!/usr/bin/env node
// Emulator speed check (issue "Foundation"): `filtered` + iteration over 100k objects and one
// 10k-object write transaction, each reported as a ratio against a plain-JavaScript baseline
// measured in the same run (never as an absolute time limit). Run with `npm run bench`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { RealmEmulator } from "@realm-recovery/testing";

const schema = [
  { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int" } },
];
const dir = mkdtempSync(join(tmpdir(), "emulator-bench-"));

function best(fn, runs = 5) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

const dogs = Array.from({ length: 100_000 }, (_, i) => ({ _id: String(i), name: `dog${i}`, age: i % 20 }));
const realm = new RealmEmulator({ path: join(dir, "big.realm"), schema });
realm.write(() => {
  for (const dog of dogs) realm.create("Dog", dog);
});

let seen = 0;
const queryMs = best(() => {
  seen = 0;
  for (const dog of realm.objects("Dog").filtered("age >= $0 && name BEGINSWITH $1", 10, "dog"))
    seen += dog.age;
});
const queryBaselineMs = best(() => {
  seen = 0;
  for (const dog of dogs.filter((d) => d.age >= 10 && d.name.startsWith("dog"))) seen += dog.age;
});

let round = 0;
const batch = () => Array.from({ length: 10_000 }, (_, i) => ({ _id: `w${round}-${i}`, name: "x", age: i }));
const writeRealm = new RealmEmulator({ path: join(dir, "write.realm"), schema });
const writeMs = best(() => {
  const values = batch();
  round++;
  writeRealm.write(() => {
    for (const value of values) writeRealm.create("Dog", value);
  });
});
const writeBaselineMs = best(() => {
  const values = batch();
  round++;
  const table = new Map();
  for (const value of values) table.set(value._id, { ...value });
  writeFileSync(join(dir, "baseline.json"), JSON.stringify([...table.values()]));
});
realm.close();
writeRealm.close();
rmSync(dir, { recursive: true, force: true });

const rows = [
  {
    case: "filtered + iterate 100k objects",
    ms: queryMs,
    baselineMs: queryBaselineMs,
    baseline: "Array.filter over plain objects",
  },
  {
    case: "one 10k-object write transaction (persisted)",
    ms: writeMs,
    baselineMs: writeBaselineMs,
    baseline: "Map insert + JSON file write",
  },
];
console.log("Emulator benchmark (best of 5 runs)\n");
console.log("case                                           emulator ms   baseline ms   ratio   baseline");
for (const row of rows) {
  console.log(
    `${row.case.padEnd(46)} ${row.ms.toFixed(1).padStart(10)}   ${row.baselineMs.toFixed(1).padStart(11)}   ${(row.ms / row.baselineMs).toFixed(1).padStart(5)}x   ${row.baseline}`,
  );
}
mkdirSync("bench-results", { recursive: true });
writeFileSync(
  "bench-results/emulator.json",
  JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
);
console.log(`\nwrote bench-results/emulator.json (checksum ${seen})`);
