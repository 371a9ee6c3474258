import type { FaultPoint } from "../simulator/fault-plan.js";
import type { Scenario, ScenarioConflictPolicy, ScenarioStep } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";

const CLIENT_OPS = new Set([
  "create",
  "update",
  "delete",
  "sync",
  "offline",
  "online",
  "clientReset",
  "advanceClock",
  "skewClock",
  "crash",
  "resume",
]);
const FAULT_POINTS: readonly FaultPoint[] = [
  "open",
  "open-backup",
  "download",
  "upload",
  "initiate-client-reset",
  "delete-file",
];

function fail(where: string, problem: string): never {
  throw new ScenarioError(`${where}: ${problem}`, where);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseStep(
  raw: unknown,
  index: number,
  clients: ReadonlySet<string>,
  types: ReadonlySet<string>,
): ScenarioStep {
  const at = `steps[${index}]`;
  if (!isObject(raw)) fail(at, "must be an object");
  const op = raw.op;
  if (typeof op !== "string") fail(`${at}.op`, "missing or not a string");
  if (op === "syncAll") return { op };
  if (op === "advanceClock" && raw.client === undefined) {
    if (typeof raw.ms !== "number" || !Number.isFinite(raw.ms) || raw.ms < 0)
      fail(`${at}.ms`, "must be a non-negative number of milliseconds");
    return { op, ms: raw.ms };
  }
  if (!CLIENT_OPS.has(op))
    fail(`${at}.op`, `unknown op "${op}" (expected one of ${[...CLIENT_OPS, "syncAll"].join(", ")})`);
  const client = raw.client;
  if (typeof client !== "string") fail(`${at}.client`, `missing (op "${op}" runs on a client)`);
  if (!clients.has(client))
    fail(`${at}.client`, `unknown client "${client}" (declared: ${[...clients].join(", ")})`);
  const type = (): string => {
    if (typeof raw.type !== "string") fail(`${at}.type`, `missing (op "${op}" needs an object type)`);
    if (!types.has(raw.type))
      fail(`${at}.type`, `unknown type "${raw.type}" (schema has: ${[...types].join(", ")})`);
    return raw.type;
  };
  const id = (): unknown => {
    if (raw.id === undefined || raw.id === null)
      fail(`${at}.id`, `missing (op "${op}" needs the primary key of the object)`);
    return raw.id;
  };
  switch (op) {
    case "create":
      if (!isObject(raw.value))
        fail(`${at}.value`, 'missing or not an object (a "create" needs the values of the new object)');
      return { client, op, type: type(), value: raw.value };
    case "update":
      if (!isObject(raw.set))
        fail(`${at}.set`, 'missing or not an object (an "update" needs the properties to set)');
      return { client, op, type: type(), id: id(), set: raw.set };
    case "delete":
      return { client, op, type: type(), id: id() };
    case "advanceClock":
    case "skewClock":
      if (typeof raw.ms !== "number" || !Number.isFinite(raw.ms))
        fail(`${at}.ms`, "must be a number of milliseconds");
      if (op === "advanceClock" && raw.ms < 0)
        fail(`${at}.ms`, "global time only moves forward (use skewClock to step a clock back)");
      return { client, op, ms: raw.ms };
    case "crash":
      if (!FAULT_POINTS.includes(raw.at as FaultPoint))
        fail(`${at}.at`, `must be one of ${FAULT_POINTS.join(", ")}`);
      return { client, op, at: raw.at as FaultPoint };
    case "releaseUploads":
      if (raw.count === undefined) return { client, op };
      if (typeof raw.count !== "number" || !Number.isInteger(raw.count) || raw.count < 1)
        fail(`${at}.count`, "must be a positive integer");
      return { client, op, count: raw.count };
    case "holdUploads":
      return { client, op };
    default:
      return { client, op: op as "sync" | "offline" | "online" | "clientReset" | "resume" };
  }
}

/**
 * Validates a scenario (already parsed from JSON), throwing a {@link ScenarioError} that names the
 * step index and field that is wrong.
 *
 * @example
 * const scenario = parseScenario(JSON.parse(readFileSync("scenario.json", "utf8")));
 */
export function parseScenario(raw: unknown): Scenario {
  if (!isObject(raw)) fail("scenario", "must be a JSON object");
  if (!Array.isArray(raw.schema) || raw.schema.length === 0)
    fail("schema", "must be a non-empty array of object schemas");
  raw.schema.forEach((schema, i) => {
    if (!isObject(schema) || typeof schema.name !== "string") fail(`schema[${i}].name`, "missing");
    if (!isObject(schema.properties)) fail(`schema[${i}].properties`, "missing or not an object");
  });
  if (typeof raw.strategy !== "string")
    fail("strategy", 'missing (e.g. "object", "field", "overwrite", "changelog")');
  if (typeof raw.tracker !== "string") fail("tracker", 'missing (e.g. "listener", "progress")');
  if (
    raw.conflictPolicy !== undefined &&
    raw.conflictPolicy !== "newer-wins" &&
    raw.conflictPolicy !== "client-wins"
  )
    fail("conflictPolicy", 'must be "newer-wins" or "client-wins"');
  if (
    !Array.isArray(raw.clients) ||
    raw.clients.length === 0 ||
    !raw.clients.every((c) => typeof c === "string")
  ) {
    fail("clients", "must be a non-empty array of client names");
  }
  if (new Set(raw.clients).size !== raw.clients.length) fail("clients", "names must be unique");
  if (!Array.isArray(raw.steps)) fail("steps", "must be an array");
  const clients = new Set(raw.clients as string[]);
  const types = new Set((raw.schema as { name: string }[]).map((s) => s.name));
  return {
    ...(typeof raw.name === "string" ? { name: raw.name } : {}),
    schema: raw.schema as Scenario["schema"],
    strategy: raw.strategy,
    tracker: raw.tracker,
    ...(raw.conflictPolicy === undefined
      ? {}
      : { conflictPolicy: raw.conflictPolicy as ScenarioConflictPolicy }),
    clients: raw.clients as string[],
    steps: raw.steps.map((step, i) => parseStep(step, i, clients, types)),
  };
}
