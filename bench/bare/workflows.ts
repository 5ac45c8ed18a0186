import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BareActivities } from './activities';

// The bare twin of a routine order: the same numbers of tasks (one Update each), activities
// and timers as the service's order, opened in the same groups, and nothing else. Every
// activity is one PostgreSQL write.

export interface BareShape {
  /** Tasks opened together, stage by stage (a routine review opens 5 at once). */
  groups: number[];
  activities: number;
  timers: number;
}

export interface BareInput {
  orderNo: string;
  shape: BareShape;
}

export const completeStep = defineUpdate<{ id: string; status: 'COMPLETED' }, [{ taskId: string }]>('completeStep');

const acts = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** How many of `total` fall to part `i` of `parts`, spread evenly. */
const share = (total: number, i: number, parts: number) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts);

export async function bareOrder({ orderNo, shape }: BareInput): Promise<void> {
  const open = new Set<string>();
  const done = new Set<string>();
  setHandler(
    completeStep,
    async ({ taskId }) => {
      done.add(taskId);
      await acts.closeTask(taskId);
      return { id: taskId, status: 'COMPLETED' as const };
    },
    {
      validator: ({ taskId }) => {
        if (!open.has(taskId) || done.has(taskId)) throw new Error(`task ${taskId} is not open`);
      },
    },
  );

  const tasks = shape.groups.reduce((a, b) => a + b, 0);
  // Two per task (open, and close in the Update), one to close the order, the rest spread over the stages.
  const extraActivities = shape.activities - 2 * tasks - 1;
  let timers = shape.timers;
  for (const [g, size] of shape.groups.entries()) {
    const ids = Array.from({ length: size }, (_, k) => `${orderNo}.s${g}.t${k}`);
    await Promise.all(ids.map((id) => acts.openTask(orderNo, id)));
    ids.forEach((id) => open.add(id));
    // A deadline per task while timers last, as the service keeps one per open task.
    await Promise.all(ids.map((id) => (timers-- > 0 ? condition(() => done.has(id), '30 days') : condition(() => done.has(id)))));
    for (let k = share(extraActivities, g, shape.groups.length); k > 0; k--) await acts.recordStep(orderNo, `s${g}`);
  }
  for (; timers > 0; timers--) await sleep(1);
  await acts.recordStep(orderNo, 'closed');
  await condition(allHandlersFinished);
}
