import type { ScenarioResult } from "@realm-recovery/testing";
import { formatRecords } from "./format-records.js";

/**
 * The human-readable form of a `simulate --dry-run`: each recovery's plan, nothing applied.
 *
 * @example
 * io.out(formatPlans("scenario.json — strategy field", result));
 */
export function formatPlans(title: string, result: ScenarioResult): string {
  let text = `${title}\n\nDry run: each client reset's recovery planned, nothing written.\n`;
  if (result.plans.length === 0) return `${text}\n    (no client reset happened)\n`;
  for (const plan of result.plans) {
    const { create, update, delete: deletes, skip } = plan.counts;
    text += `\nPlan for ${plan.client} (${plan.strategy}): ${create} create, ${update} update, ${deletes} delete, ${skip} skip\n`;
    text +=
      plan.records.length === 0
        ? "    (nothing to recover)\n"
        : formatRecords(plan.records).replace(/^(?=.)/gm, "    ");
  }
  return text;
}
