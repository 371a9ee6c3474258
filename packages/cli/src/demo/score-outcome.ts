import type { PlainObjects, ScenarioResult, ScenarioWrite } from "@realm-recovery/testing";

/** How a run treated the writes that mattered. */
export interface OutcomeScore {
  /** Unsynced local writes (the latest intent for their field) that reached the server. */
  recovered: number;
  /** Unsynced local writes (the latest intent for their field) that did not. */
  lost: number;
  /** Synced writes of other devices (the latest intent for their field) that a recovery overwrote. */
  clobbered: number;
  /** Unsynced local writes that mattered (recovered + lost). */
  atRisk: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function serverObject(
  server: PlainObjects,
  write: ScenarioWrite,
  primaryKey: string,
): Record<string, unknown> | undefined {
  return server[write.type]?.find((object) => same(object[primaryKey], write.id));
}

/**
 * Scores a run by DESIGN §5's intent: a write counts when nothing later (by time, on any device)
 * wrote the same field or deleted the object. An unsynced local write that counts is recovered when
 * the server ends with its value (or without the object, for a delete) and lost otherwise; a synced
 * write of another device that counts is clobbered when the server ends with a different value.
 */
export function scoreOutcome(
  result: ScenarioResult,
  primaryKeys: Readonly<Record<string, string>>,
): OutcomeScore {
  const score: OutcomeScore = { recovered: 0, lost: 0, clobbered: 0, atRisk: 0 };
  const resetClients = new Set(result.writes.filter((w) => w.atRisk).map((w) => w.client));
  const later = (write: ScenarioWrite, field: string | null) =>
    result.writes.some(
      (other) =>
        other !== write &&
        other.type === write.type &&
        same(other.id, write.id) &&
        other.time > write.time &&
        (other.set === null || field === null || field in other.set),
    );
  for (const write of result.writes) {
    const primaryKey = primaryKeys[write.type] ?? "_id";
    const object = serverObject(result.server, write, primaryKey);
    const fields = write.set === null ? [null] : Object.keys(write.set).filter((f) => f !== primaryKey);
    for (const field of fields) {
      if (later(write, field)) continue;
      const landed =
        field === null
          ? object === undefined
          : object !== undefined && same(object[field], write.set![field]);
      if (write.atRisk) {
        score.atRisk++;
        if (landed) score.recovered++;
        else score.lost++;
      } else if (!resetClients.has(write.client) && !landed) {
        score.clobbered++;
      }
    }
  }
  return score;
}
