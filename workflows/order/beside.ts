import { patched } from '@temporalio/workflow';
import type { OrderRun } from './run';

// What others hear of a finished step (the notices, the receivables) is told beside the
// process: the next step's tasks open at once instead of after it. What is told keeps its
// order (each waits for the one before), and a run neither ends nor continues as new before
// the last is told. Orders that began telling it in line keep doing so (a patch).

interface Told {
  last: Promise<void>;
  underway: number;
  failure?: Error;
}

const told = new WeakMap<OrderRun, Told>();

/** Tells `what` beside the process, after whatever was told before it. */
export async function tellBeside(run: OrderRun, what: () => Promise<unknown>): Promise<void> {
  if (!patched('told-beside-the-process')) {
    await what();
    return;
  }
  const queue = told.get(run) ?? { last: Promise.resolve(), underway: 0 };
  const tell = async () => {
    try {
      await what();
    } catch (err) {
      queue.failure ??= err instanceof Error ? err : new Error(String(err));
    } finally {
      queue.underway--;
    }
  };
  queue.last = queue.underway++ > 0 ? queue.last.then(tell) : tell();
  told.set(run, queue);
}

/** Whether something is still being told beside the process. */
export const tellingBeside = (run: OrderRun): boolean => (told.get(run)?.underway ?? 0) > 0;

/** Waits until everything is told; a failure to tell fails the run as it would have in line. */
export async function allTold(run: OrderRun): Promise<void> {
  const queue = told.get(run);
  if (!queue) return;
  while (queue.underway > 0) await queue.last;
  if (queue.failure !== undefined) throw queue.failure;
}
