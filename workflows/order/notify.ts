import { patched, proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { now, policyOf } from './clock';
import { acts } from './projection';
import type { OrderRun } from './run';

// Department messages are delivered by being stored; customer messages leave through the
// outbox, one delivery activity per channel, retried as the policy says. Deliveries run
// beside the process and never hold it up.

export interface DeliveriesState {
  /** Customer messages still being delivered; restarted after continue-as-new. */
  deliveries: string[];
}

export const initialDeliveries = (): DeliveriesState => ({ deliveries: [] });

function deliveryActivities(run: OrderRun) {
  const { maxAttempts, firstRetrySeconds } = policyOf(run).notifications;
  return proxyActivities<OrderActivities>({
    startToCloseTimeout: '1 minute',
    retry: { maximumAttempts: maxAttempts, initialInterval: firstRetrySeconds * 1000, backoffCoefficient: 2 },
  });
}

async function deliverOne(run: OrderRun, id: string): Promise<void> {
  try {
    await deliveryActivities(run).deliverNotification(id);
  } catch (err) {
    await acts.markNotificationFailed({ id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    run.s.deliveries = run.s.deliveries.filter((x) => x !== id);
  }
}

export function startDeliveries(run: OrderRun, ids: string[], restart = false): void {
  for (const id of ids) {
    if (!restart && run.s.deliveries.includes(id)) continue;
    if (!run.s.deliveries.includes(id)) run.s.deliveries.push(id);
    void deliverOne(run, id);
  }
}

export async function notifyDepartments(
  run: OrderRun,
  topic: string,
  key: string,
  departments: string[],
  subject: string,
  body: Record<string, unknown>,
): Promise<void> {
  const { orderNo } = run.input;
  const notice = (department: string) => ({
    id: `${orderNo}.${topic}.${key}.${department}`,
    orderNo,
    topic,
    audience: { department },
    subject,
    body,
    createdAt: now().toISOString(),
  });
  const to = [...new Set(departments)];
  // One write for all of them; orders that began with one activity per department keep it.
  if (patched('department-notices-at-once')) {
    if (to.length) await acts.notifyDepartments(to.map(notice));
    return;
  }
  for (const department of to) await acts.notify(notice(department));
}

export async function notifyCustomer(
  run: OrderRun,
  topic: string,
  key: string,
  subject: string,
  body: Record<string, unknown>,
): Promise<void> {
  const { orderNo } = run.input;
  const { order } = run.s;
  const ids = await acts.notify({
    id: `${orderNo}.${topic}.${key}.customer`,
    orderNo,
    topic,
    audience: { customer: { webhookUrl: order.callbackUrl, email: order.customer.email } },
    subject,
    body,
    createdAt: now().toISOString(),
  });
  startDeliveries(run, ids);
}
