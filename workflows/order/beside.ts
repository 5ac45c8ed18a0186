import { patched } from '@temporalio/workflow';
import { lanePerRun } from './lane';
import type { OrderRun } from './run';

// What others hear of a finished step (the notices, the receivables) is told beside the
// process: the next step's tasks open at once instead of after it. What is told keeps its
// order (each waits for the one before), and a run neither ends nor continues as new before
// the last is told. Orders that began telling it in line keep doing so (a patch).

const told = lanePerRun();

/** Tells `what` beside the process, after whatever was told before it. */
export async function tellBeside(run: OrderRun, what: () => Promise<unknown>): Promise<void> {
  if (!patched('told-beside-the-process')) {
    await what();
    return;
  }
  void told(run).add(what);
}

/** Whether something is still being told beside the process. */
export const tellingBeside = (run: OrderRun): boolean => told(run).busy;

/** Waits until everything is told; a failure to tell fails the run as it would have in line. */
export const allTold = (run: OrderRun): Promise<void> => told(run).idle();
