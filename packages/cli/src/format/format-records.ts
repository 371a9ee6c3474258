import type { RecoveryRecord } from "@realm-recovery/core";
import { formatTable } from "./format-table.js";

/** A plain value as a short table cell (absent values as "-"). */
export function valueCell(value: unknown): string {
  if (value === undefined) return "-";
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));
}

/**
 * Records as a readable table: what happened to each object or field, its local, remote and
 * resolved values, and the rule that decided. `client` labels the rows when given.
 *
 * @example
 * formatRecords(report.records, "a");
 */
export function formatRecords(records: readonly RecoveryRecord[], client?: string): string {
  const header = [
    ...(client === undefined ? [] : ["client"]),
    "action",
    "object",
    "field",
    "local",
    "remote",
    "resolved",
    "rule",
  ];
  return formatTable(
    header,
    records.map((r) => [
      ...(client === undefined ? [] : [client]),
      r.action,
      `${r.objectType} ${valueCell(r.primaryKey)}`,
      r.property ?? "*",
      valueCell(r.local),
      valueCell(r.remote),
      r.action === "delete" ? "(deleted)" : valueCell(r.resolved),
      r.rule,
    ]),
  );
}
