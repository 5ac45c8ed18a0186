import { projectionActivities } from '../tasks/projection';
import type { OrderActivities } from '../../activities';
import { now } from './clock';
import type { OrderRun } from './run';
import type { OrderStatus } from './types';

// The order's projection writes: refused writes become incidents filed under the order number.
export const acts: OrderActivities = projectionActivities((workflowId) => workflowId.replace(/^order-/, ''));

export async function setStatus(run: OrderRun, status: OrderStatus, reason?: string): Promise<void> {
  if (run.s.status === status) return;
  run.s.status = status;
  await acts.recordStatus({ orderNo: run.input.orderNo, status, reviewRound: run.s.round, at: now().toISOString(), reason });
}
