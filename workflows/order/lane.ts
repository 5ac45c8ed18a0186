import type { OrderRun } from './run';

// Work a run does beside its main line, one piece after another in the order it was asked
// for: an order's status writes, and what others hear of its steps. The run waits for its
// lanes before it ends or continues as new.

export class Lane {
  private last: Promise<void> = Promise.resolve();
  private underway = 0;
  private failure?: Error;

  /** Whether some of it is still to be done. */
  get busy(): boolean {
    return this.underway > 0;
  }

  /** Runs `work` once everything asked before it is done (at once when nothing is); answers its result. */
  add<T>(work: () => Promise<T>): Promise<T> {
    const result = this.underway++ > 0 ? this.last.then(work) : work();
    this.last = result.then(
      () => {
        this.underway--;
      },
      (err: unknown) => {
        this.underway--;
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      },
    );
    return result;
  }

  /** Waits until everything asked is done; the first failure of any of it is thrown here. */
  async idle(): Promise<void> {
    while (this.underway > 0) await this.last;
    if (this.failure) throw this.failure;
  }
}

/** One lane per run, made when first asked for. */
export function lanePerRun(): (run: OrderRun) => Lane {
  const lanes = new WeakMap<OrderRun, Lane>();
  return (run) => {
    let lane = lanes.get(run);
    if (!lane) lanes.set(run, (lane = new Lane()));
    return lane;
  };
}
