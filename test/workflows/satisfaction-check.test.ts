import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../workflows/calendar';
import { calendarOf } from '../../workflows/policy';
import { orderView } from '../../workflows/order/messages';
import type { OrderView, Task } from '../../workflows/order/types';
import { buildPolicy } from '../../src/policy/load';
import { complete, drive, rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { recordHistory, startOrder, waitForView } from '../helpers/workflow-run';

// 002 §2.2.3: after the customer's acceptance, customer service checks the customer's
// satisfaction within the policy's working days; a late check escalates as any task does.

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'satisfaction', rec.activities);
const calendar = calendarOf(buildPolicy().policy);

const atCheck = (v: OrderView) => v.openTasks.some((t) => t.kind === 'satisfaction_check');
const checkOf = (v: OrderView) => v.openTasks.find((t) => t.kind === 'satisfaction_check')!;
/** The order workflow's own tasks (its receivables, since 'receivables', open theirs under the order too). */
const opened = (orderNo: string) => rec.opened().filter((t) => t.orderNo === orderNo && t.workflowId === `order-${orderNo}`);

describe('the satisfaction check after acceptance', () => {
  it('opens for customer service once the customer accepts, due in 3 working days, and sales sees the score in the summary', async () => {
    const { h, orderNo, base } = await startOrder(bed.env, 'satisfaction', 'SAT');
    const v = await drive(h, base, atCheck);
    expect(v).toMatchObject({ status: 'DELIVERED', stage: 'satisfaction_check' });
    const check = checkOf(v);
    expect(check).toMatchObject({
      id: `${orderNo}.satisfaction-check.r1.customer_service`,
      department: 'customer_service',
      outcomes: ['surveyed', 'unreachable'],
      context: { customer: 'Hangzhou Valve Works' },
    });
    expect(check.dueAt).toBe(addWorkingDays(calendar, new Date(check.createdAt), 3).toISOString());
    // It opens only after the accepted acceptance, and the summary only after it.
    const order = opened(orderNo).map((t) => t.kind);
    expect(order.indexOf('satisfaction_check')).toBeGreaterThan(order.indexOf('customer_acceptance'));
    expect(order).not.toContain('post_order_summary');

    await complete(h, check, 'surveyed', { score: 5, comment: 'well packed' });
    await drive(h, base, (x) => x.status === 'CLOSED');
    const summary = opened(orderNo).find((t) => t.kind === 'post_order_summary')!;
    expect(summary.context).toEqual({ satisfaction: { score: 5, comment: 'well packed' } });
    expect(rec.callsOf('recordCompletion').find((t) => t.id === check.id)).toMatchObject({ outcome: 'surveyed', data: { score: 5 } });
    await recordHistory(h, 'satisfaction-check');
  });

  it('refuses a score outside 1 to 5', async () => {
    const { h, base } = await startOrder(bed.env, 'satisfaction', 'SAT');
    const check = checkOf(await drive(h, base, atCheck));
    expect(await rejectionType(complete(h, check, 'surveyed', { score: 6 }))).toBe('InvalidCompletion');
    expect(await rejectionType(complete(h, check, 'surveyed', { score: 2.5 }))).toBe('InvalidCompletion');
    expect(await rejectionType(complete(h, check, 'surveyed', { comment: 'no score' }))).toBe('InvalidCompletion');
    await complete(h, check, 'unreachable', { reason: 'three calls unanswered' });
    await drive(h, base, (x) => x.status === 'CLOSED');
  });

  it('escalates to the customer service head when late, and to management a working day later', async () => {
    const { h, orderNo, base } = await startOrder(bed.env, 'satisfaction', 'SAT');
    const check = checkOf(await drive(h, base, atCheck));
    await bed.env.sleep(Date.parse(check.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const late = await waitForView(h, (v) => v.openTasks.some((t) => t.kind === 'escalation'), 'an escalation');
    const toHead = late.openTasks.find((t) => t.kind === 'escalation') as Task;
    expect(toHead).toMatchObject({
      department: 'customer_service',
      requiredRole: 'head',
      context: { escalatedTaskId: check.id, level: 'head' },
    });
    expect(rec.callsOf('markOverdue').map((c) => c.task.id)).toContain(check.id);
    expect(late.openTasks.find((t) => t.id === check.id)?.overdue).toBe(true);

    await bed.env.sleep(Date.parse(toHead.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const higher = await waitForView(
      h,
      (v) => v.openTasks.some((t) => t.kind === 'escalation' && t.department === 'management'),
      'management',
    );
    expect(higher.stage).toBe('satisfaction_check');
    await complete(h, checkOf(higher), 'surveyed', { score: 3 });
    const closed = await drive(h, base, (x) => x.status === 'CLOSED');
    expect(closed.openTasks).toEqual([]);
    expect((await h.query(orderView)).status).toBe('CLOSED');
    expect(opened(orderNo).filter((t) => t.kind === 'escalation')).toHaveLength(2);
  });
});
