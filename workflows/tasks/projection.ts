import { ActivityFailure, ApplicationFailure, proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { now } from './time';

// Projection writes are short database calls; they retry until the database answers,
// because a workflow must never move on without its inbox rows. A write the database
// refuses for good (the activity fails as 'ProjectionRejected') is recorded as an incident
// and the workflow goes on: it holds the truth, and the rows can be rewritten from it.

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

/** The projection activities of a workflow whose incidents are filed under `keyOf(workflowId)`. */
export function projectionActivities(keyOf: (workflowId: string) => string): OrderActivities {
  return new Proxy(projector, {
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
            orderNo: keyOf(workflowId),
            activity: name,
            error: failure.message,
            at: now().toISOString(),
          });
          return returnsIds.has(name) ? [] : undefined;
        }
      };
    },
  });
}
