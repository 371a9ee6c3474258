import type { Scenario } from "@realm-recovery/testing";

/** A bundled scenario: a scenario without a fixed strategy or tracker, plus what it shows. */
export interface BundledScenario {
  readonly id: string;
  readonly title: string;
  readonly scenario: Omit<Scenario, "strategy" | "tracker">;
}

const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int?" } };
const rex = { client: "a", op: "create", type: "Dog", value: { _id: "1", name: "Rex", age: 1 } } as const;
const shared = [rex, { client: "a", op: "sync" }, { client: "b", op: "sync" }] as const;
const resetA = [
  { client: "a", op: "clientReset" },
  { client: "a", op: "online" },
  { op: "syncAll" },
] as const;

/** The scenarios `realm-recovery demo` runs under every strategy and tracker. */
export const BUNDLED_SCENARIOS: readonly BundledScenario[] = [
  {
    id: "seed-dog",
    title: "DESIGN's Dog: a changes age offline, b then renames and syncs",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        { client: "b", op: "update", type: "Dog", id: "1", set: { name: "Max" } },
        { client: "b", op: "sync" },
        ...resetA,
      ],
    },
  },
  {
    id: "concurrent-fields",
    title: "b renames and syncs, then a changes age offline",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "b", op: "update", type: "Dog", id: "1", set: { name: "Max" } },
        { client: "b", op: "sync" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        ...resetA,
      ],
    },
  },
  {
    id: "local-delete",
    title: "a deletes a dog offline",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "a", op: "delete", type: "Dog", id: "1" },
        ...resetA,
      ],
    },
  },
  {
    id: "remote-create",
    title: "b creates a dog a never downloads; a edits offline",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "b", op: "create", type: "Dog", value: { _id: "2", name: "Fido", age: 3 } },
        { client: "b", op: "sync" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 5 } },
        ...resetA,
      ],
    },
  },
  {
    id: "same-field",
    title: "a changes age offline; b changes age later and syncs",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        { client: "b", op: "update", type: "Dog", id: "1", set: { age: 3 } },
        { client: "b", op: "sync" },
        ...resetA,
      ],
    },
  },
  {
    id: "remote-delete",
    title: "a changes age offline; b deletes the dog and syncs",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "offline" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        { client: "b", op: "delete", type: "Dog", id: "1" },
        { client: "b", op: "sync" },
        ...resetA,
      ],
    },
  },
  {
    id: "write-during-upload",
    title: "a writes while its upload is in flight, then is reset",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "holdUploads" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        { client: "a", op: "update", type: "Dog", id: "1", set: { name: "Late" } },
        { client: "a", op: "releaseUploads", count: 1 },
        ...resetA,
      ],
    },
  },
  {
    id: "clock-skew",
    title: "a's clock runs 5 s fast: its earlier offline edit carries the later stamp",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        ...shared,
        { client: "a", op: "skewClock", ms: 5000 },
        { client: "a", op: "offline" },
        { client: "a", op: "update", type: "Dog", id: "1", set: { age: 2 } },
        { client: "b", op: "update", type: "Dog", id: "1", set: { age: 3 } },
        { client: "b", op: "sync" },
        ...resetA,
      ],
    },
  },
  {
    id: "never-synced",
    title: "a never synced before its reset",
    scenario: {
      schema: [Dog],
      clients: ["a", "b"],
      steps: [
        { client: "a", op: "offline" },
        { client: "a", op: "create", type: "Dog", value: { _id: "1", name: "Rex", age: 1 } },
        { client: "a", op: "create", type: "Dog", value: { _id: "2", name: "Max", age: 2 } },
        ...resetA,
      ],
    },
  },
];
