import type { PlainObjects, ScenarioResult } from "@realm-recovery/testing";
import { formatRecords } from "./format-records.js";
import { formatTable } from "./format-table.js";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "    ");
}

function objectsTable(objects: PlainObjects): string {
  const parts: string[] = [];
  for (const [type, list] of Object.entries(objects)) {
    const columns = [...new Set(list.flatMap((object) => Object.keys(object)))];
    parts.push(
      `  ${type}\n` +
        indent(
          formatTable(
            columns,
            list.map((object) => columns.map((c) => cell(object[c]))),
          ),
        ),
    );
  }
  return parts.length > 0 ? parts.join("") : "    (no objects)\n";
}

/** The human-readable form of a `simulate` run: server and client objects, reports, events. */
export function formatResult(title: string, result: ScenarioResult): string {
  let text = `${title}\n\nServer\n${objectsTable(result.server)}`;
  for (const [client, objects] of Object.entries(result.clients))
    text += `\nClient ${client}\n${objectsTable(objects)}`;
  text += "\nRecovery reports\n";
  text +=
    result.reports.length === 0
      ? "    (no client reset recovered)\n"
      : indent(
          formatTable(
            ["client", "strategy", "upserted", "fields", "deleted", "skipped", "ms"],
            result.reports.map((r) => [
              r.client,
              r.strategy,
              String(r.upserted),
              String(r.fieldsWritten),
              String(r.deleted),
              String(r.skipped.length),
              String(r.durationMs),
            ]),
          ),
        );
  for (const report of result.reports) {
    for (const skip of report.skipped) {
      text += `    skipped ${skip.type}${skip.primaryKey !== undefined ? ` ${cell(skip.primaryKey)}` : ""}${skip.property ? `.${skip.property}` : ""}: ${skip.reason}\n`;
    }
  }
  for (const report of result.reports) {
    const records = report.records ?? [];
    if (records.length === 0) continue;
    const shown = records.length < (report.recordCount ?? records.length) ? ` (first ${records.length})` : "";
    text += `\nRecords of ${report.client}'s recovery: ${report.recordCount ?? records.length}${shown}\n`;
    text += indent(formatRecords(records));
  }
  text += "\nEvents\n";
  for (const event of result.events) {
    const details = Object.entries(event)
      .filter(([key]) => key !== "client" && key !== "type" && key !== "report")
      .map(([key, value]) => `${key}=${cell(value)}`)
      .join(" ");
    text += `    ${event.client}: ${event.type}${details ? ` ${details}` : ""}\n`;
  }
  return text;
}
