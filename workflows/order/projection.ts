import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { now } from './clock';
import type { OrderRun } from './run';
import type { OrderStatus } from './types';

// Projection writes are short database calls; they retry until the database answers,
// because the order must never move on without its inbox rows.
export const acts = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function setStatus(run: OrderRun, status: OrderStatus, reason?: string): Promise<void> {
  if (run.s.status === status) return;
  run.s.status = status;
  await acts.recordStatus({ orderNo: run.input.orderNo, status, reviewRound: run.s.round, at: now().toISOString(), reason });
}
