/** Object types of the property schedules, with their data fields (every field is optional). */
export const PROPERTY_TYPES = {
  Dog: { name: "string?", age: "int?", color: "string?" },
  Cat: { name: "string?", lives: "int?" },
} as const;

/** A type of the property schedules. */
export type PropertyType = keyof typeof PROPERTY_TYPES;

/** The data fields of `type` (its primary key `_id` left out). */
export function dataFields(type: string): string[] {
  return Object.keys(PROPERTY_TYPES[type as PropertyType] ?? {});
}

/** A tracked write one client makes (`fields`: the fields an update sets; creates set all). */
export interface WriteStep {
  readonly op: "create" | "update" | "delete";
  readonly client: number;
  readonly type: PropertyType;
  readonly id: string;
  readonly fields: readonly string[];
}

/** One step of a schedule. Client numbers are indexes into the schedule's clients. */
export type ScheduleStep =
  | WriteStep
  | { readonly op: "offline" | "online" | "sync" | "holdUploads" | "releaseUploads"; readonly client: number }
  | { readonly op: "skewClock"; readonly client: number; readonly ms: number }
  | { readonly op: "advanceClock"; readonly ms: number }
  | { readonly op: "syncAll" };

/**
 * A random history of 2–4 devices that start with the same synced objects (every id of every
 * type, created by c0): per-device clock skews and initial connectivity, steps, and one client reset of
 * `resetClient` (or, if it has nothing unsynced then, of the device with the most unsynced writes)
 * before step `resetAt` (after the last step when `resetAt` is past the end).
 */
export interface Schedule {
  /** Number of clients (2–4), named c0, c1, … */
  readonly clients: number;
  /** Initial clock skew of each client in ms. */
  readonly skews: readonly number[];
  /** Whether each client goes offline right after the shared objects were synced. */
  readonly startOffline: readonly boolean[];
  readonly steps: readonly ScheduleStep[];
  readonly resetAt: number;
  readonly resetClient: number;
}

/** The ids of every type's objects (few, so that devices keep writing the same objects). */
export const OBJECT_IDS = ["1", "2"] as const;

/** The name of client number `index`. */
export function clientName(index: number): string {
  return `c${index}`;
}

/** One step as a short line, e.g. `c1 update Dog 2 {name,age}`. */
export function describeStep(step: ScheduleStep): string {
  switch (step.op) {
    case "create":
    case "update":
    case "delete":
      return `${clientName(step.client)} ${step.op} ${step.type} ${step.id}${step.op === "update" ? ` {${step.fields.join(",")}}` : ""}`;
    case "skewClock":
      return `${clientName(step.client)} skewClock ${step.ms}ms`;
    case "advanceClock":
      return `advanceClock ${step.ms}ms`;
    case "syncAll":
      return "syncAll";
    default:
      return `${clientName(step.client)} ${step.op}`;
  }
}

/** A schedule as readable lines (what a failing property prints). */
export function describeSchedule(schedule: Schedule): string {
  const resetAt = Math.min(schedule.resetAt, schedule.steps.length);
  const lines = [
    `clients: ${schedule.clients}, skews: [${schedule.skews.join(", ")}] ms, offline at start: [${schedule.startOffline
      .map((o, i) => (o ? clientName(i) : ""))
      .filter(Boolean)
      .join(
        ", ",
      )}], reset: ${clientName(schedule.resetClient)} (or, if it has nothing unsynced, the client with the most unsynced writes) before step ${resetAt}`,
  ];
  schedule.steps.forEach((step, i) => {
    if (i === resetAt) lines.push("  -- client reset --");
    lines.push(`  ${String(i).padStart(2)}: ${describeStep(step)}`);
  });
  if (resetAt === schedule.steps.length) lines.push("  -- client reset --");
  return lines.join("\n");
}
