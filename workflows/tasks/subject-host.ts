import { projectionActivities } from './projection';
import type { TaskHost } from './host';
import type { TaskBoardState } from './types';
import { waitUntil } from './wait';
import type { Policy } from '../policy';

// Workflows other than the order's (inspections, issues, tickets, replenishments) host their
// tasks like orders do, keyed by their own ids; they are never urgent, never continue as
// new, and hold every task to its own deadline.

export const acts = projectionActivities((workflowId) => workflowId);

export function subjectHost(opts: {
  key: string;
  workflowId: string;
  orderNo?: string;
  policy: Policy;
  board: TaskBoardState;
  isOver: () => boolean;
}): TaskHost {
  return {
    key: opts.key,
    stamp: { workflowId: opts.workflowId, subject: opts.key, ...(opts.orderNo ? { orderNo: opts.orderNo } : {}) },
    policy: opts.policy,
    board: opts.board,
    acts,
    urgent: () => false,
    isOver: opts.isOver,
    waitFor: waitUntil,
    perTaskDeadlines: () => true,
  };
}
