// `npm start`: runs the example and exits 0 only if the phone's offline writes survived the reset.
import { formatResult } from "./format-result.js";
import { runOfflineResetExample } from "./offline-reset-example.js";

const result = await runOfflineResetExample();
console.log(formatResult(result));
process.exitCode = result.checks.every((check) => check.ok) ? 0 : 1;
