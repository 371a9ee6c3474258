/**
 * Points in the simulated sync machinery where a fault can be injected:
 * - `open` / `open-backup`: opening a synced realm / a read-only (backup) realm through the adapter;
 * - `download`: before a download applies anything; `download-partial`: after a download applied
 *   the first half of what it brings (committed), before the rest — the realm is left part-way;
 * - `upload`: before an upload reaches the server;
 * - `initiate-client-reset`: before the realm is moved to its backup; `delete-file`: before a file
 *   is deleted;
 * - `write`: inside a write transaction on a synced realm, after its changes were made and before it
 *   commits (the transaction rolls back); `commit`: right after a write transaction on a synced realm
 *   committed (its changes are in the file and queued for upload).
 */
export type FaultPoint =
  | "open"
  | "open-backup"
  | "download"
  | "download-partial"
  | "upload"
  | "initiate-client-reset"
  | "delete-file"
  | "write"
  | "commit";

/**
 * How a fault strikes: `fail`, an error the caller sees; `crash`, a simulated crash of the whole
 * process (its realms are dropped, a `SimulatedCrash` is thrown); `halt`, for a real crash test: the
 * process prints `HALT_LINE` and the point's name on stdout and blocks until something kills it
 * (it exits with code 86 if nothing does within 10 s).
 */
export type FaultKind = "fail" | "crash" | "halt";

/** Thrown at an injected `fail` fault. */
export class SimulatedFault extends Error {
  override readonly name = "SimulatedFault";
  constructor(readonly point: FaultPoint) {
    super(`Simulated failure at "${point}"`);
  }
}

/**
 * Thrown at an injected `crash` fault, after the client's realms were dropped without closing
 * (as if the process died): committed data stays in the files, nothing else survives.
 */
export class SimulatedCrash extends Error {
  override readonly name = "SimulatedCrash";
  constructor(readonly point: FaultPoint) {
    super(`Simulated process crash at "${point}"`);
  }
}

/** Options of {@link FaultPlan.inject}. */
export interface FaultOptions {
  /** Lets the point be reached this many times unharmed before the fault strikes. @default 0 */
  skip?: number;
}

interface Fault {
  readonly point: FaultPoint;
  readonly kind: FaultKind;
  remaining: number;
  skip: number;
}

/**
 * Faults planned for one client, consumed as they strike.
 *
 * @example
 * client.faults.inject("commit", "crash", 1, { skip: 2 }); // crash right after the 3rd commit
 */
export class FaultPlan {
  private readonly faults: Fault[] = [];

  /**
   * Plans a fault at `point`, striking the next `times` times it is reached (default once), after
   * letting it pass `options.skip` times.
   */
  inject(point: FaultPoint, kind: FaultKind = "fail", times = 1, options: FaultOptions = {}): void {
    this.faults.push({ point, kind, remaining: times, skip: options.skip ?? 0 });
  }

  /** Removes every planned fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** Whether a fault planned at `point` has not struck yet. */
  has(point: FaultPoint): boolean {
    return this.faults.some((f) => f.point === point && f.remaining > 0);
  }

  /** The fault striking now at `point`, if any (consumes one strike, or one skip). */
  take(point: FaultPoint): FaultKind | null {
    const fault = this.faults.find((f) => f.point === point && f.remaining > 0);
    if (!fault) return null;
    if (fault.skip > 0) {
      fault.skip--;
      return null;
    }
    fault.remaining--;
    return fault.kind;
  }
}
