import { type OracleInput, OracleResult, exactly } from "./oracle-support.js";

/**
 * The overwrite strategy's rules (DESIGN §5): every backup object is written over the fresh realm
 * exactly as the backup has it; objects the backup lacks stay as the server has them (no deletes
 * are recovered).
 *
 * @example
 * violations(overwriteOracle(oracleInput(run)), run.reset.recovered);
 */
export function overwriteOracle(input: OracleInput): OracleResult {
  const result = new OracleResult();
  for (const view of input.objects) {
    if (view.backup) result.expect(view, "the backup is restored exactly", exactly(view.type, view.backup));
    else if (view.fresh)
      result.expect(view, "not in the backup: left as the server has it", exactly(view.type, view.fresh));
    else result.expect(view, "in neither realm", null);
  }
  return result;
}
