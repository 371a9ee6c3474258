/** Points in the simulated sync machinery where a fault can be injected. */
export type FaultPoint =
  "open" | "open-backup" | "download" | "upload" | "initiate-client-reset" | "delete-file";

/** How a fault strikes: an error the caller sees, or a crash of the whole simulated process. */
export type FaultKind = "fail" | "crash";

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

interface Fault {
  readonly point: FaultPoint;
  readonly kind: FaultKind;
  remaining: number;
}

/** Faults planned for one client, consumed as they strike. */
export class FaultPlan {
  private readonly faults: Fault[] = [];

  /** Plans a fault at `point`, striking the next `times` times it is reached (default once). */
  inject(point: FaultPoint, kind: FaultKind = "fail", times = 1): void {
    this.faults.push({ point, kind, remaining: times });
  }

  /** Removes every planned fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The fault striking now at `point`, if any (consumes one strike). */
  take(point: FaultPoint): FaultKind | null {
    const fault = this.faults.find((f) => f.point === point && f.remaining > 0);
    if (!fault) return null;
    fault.remaining--;
    return fault.kind;
  }
}
