/**
 * A malformed scenario: names the step index (or the top-level field) and the field that is wrong.
 *
 * @example
 * new ScenarioError('steps[3].id: missing (an "update" needs the primary key of the object to change)');
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Stable code. */
  readonly code = "SCENARIO_INVALID";

  constructor(
    message: string,
    /** Where the problem is, e.g. `steps[3].id`. */
    readonly where: string,
  ) {
    super(message);
  }
}
