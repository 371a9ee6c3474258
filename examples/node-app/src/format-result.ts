import type { ExampleResult, PlainTask } from "./offline-reset-example.js";

const task = (t: PlainTask) => `  ${t._id}  [${t.done ? "x" : " "}] ${t.title}`;

/**
 * The example's result as the lines the program prints.
 *
 * @example
 * console.log(formatResult(await runOfflineResetExample()));
 */
export function formatResult(result: ExampleResult): string {
  const lines = [`client reset on the phone: ${result.steps.join(" → ")}`];
  if (result.report) {
    const { strategy, upserted, fieldsWritten, deleted, records = [] } = result.report;
    lines.push(
      `recovered by the ${strategy} strategy: ${upserted} objects upserted, ${fieldsWritten} fields written, ${deleted} deleted`,
    );
    for (const r of records)
      lines.push(`  ${r.objectType} ${String(r.primaryKey)} ${r.property ?? "*"}: ${r.action} (${r.rule})`);
  }
  lines.push("server after the reset:", ...result.server.map(task));
  lines.push(...result.checks.map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.description}`));
  const survived = result.checks.every((c) => c.ok);
  lines.push(survived ? "the offline writes survived the client reset" : "the offline writes were LOST");
  return lines.join("\n");
}
