import { ActivityFailure, ApplicationFailure, proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { now } from './clock';
import type { OrderRun } from './run';
import type { OrderStatus } from './types';

// Projection writes are short database calls; they retry until the database answers,
// because the order must never move on without its inbox rows. A write the database
// refuses for good (the activity fails as 'ProjectionRejected') is recorded as an incident
// and the order goes on: the workflow holds the truth, and `npm run repair` rewrites the
// order's rows from it.
const projector = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What a refused write answers in place of its result: activities that return ids to deliver return none. */
const returnsIds = new Set<string>(['notify', 'storeProgressReport']);

function refused(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === 'ProjectionRejected' ? cause : undefined;
}

export const acts: OrderActivities = new Proxy(projector, {
  get(target, name: string) {
    const activity = target[name as keyof OrderActivities] as (...args: unknown[]) => Promise<unknown>;
    return async (...args: unknown[]) => {
      try {
        return await activity(...args);
      } catch (err) {
        const failure = refused(err);
        if (!failure) throw err;
        const { workflowId } = workflowInfo();
        await projector.recordProjectionIncident({
          id: `${workflowId}.${uuid4()}`,
          orderNo: workflowId.replace(/^order-/, ''),
          activity: name,
          error: failure.message,
          at: now().toISOString(),
        });
        return returnsIds.has(name) ? [] : undefined;
      }
    };
  },
});

export async function setStatus(run: OrderRun, status: OrderStatus, reason?: string): Promise<void> {
  if (run.s.status === status) return;
  run.s.status = status;
  await acts.recordStatus({ orderNo: run.input.orderNo, status, reviewRound: run.s.round, at: now().toISOString(), reason });
}
