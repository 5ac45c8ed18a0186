import { condition, workflowInfo } from '@temporalio/workflow';
import { now, policyOf } from './clock';
import { writePendingStatus } from './projection';
import type { OrderRun } from './run';

/** Thrown from a wait when the history has grown enough to continue as new. */
export class ContinueAsNewNeeded extends Error {
  constructor() {
    super('continue as new');
    this.name = 'ContinueAsNewNeeded';
  }
}

export function continueAsNewDue(run: OrderRun): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= policyOf(run).workflow.continueAsNewAfterEvents;
}

/**
 * Every wait of the order goes through here: it returns true when pred holds, false when
 * `until` passes first, and unwinds with ContinueAsNewNeeded when the run should end.
 * Waits are the only places a run ends, so the state is always whole when it does.
 */
export async function waitFor(run: OrderRun, pred: () => boolean, until?: Date): Promise<boolean> {
  // Only when there is one: an await of its own would reorder the commands of older orders.
  if (run.s.statusToWrite) await writePendingStatus(run);
  const wake = () => pred() || continueAsNewDue(run);
  let satisfied: boolean;
  if (until === undefined) {
    await condition(wake);
    satisfied = true;
  } else {
    const ms = until.getTime() - now().getTime();
    satisfied = ms > 0 ? await condition(wake, ms) : wake();
  }
  if (pred()) return true;
  if (continueAsNewDue(run)) throw new ContinueAsNewNeeded();
  return satisfied && pred();
}
