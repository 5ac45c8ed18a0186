import { describe, expect, it } from 'vitest';
import { cancelOrder, orderView, paymentOverdue } from '../../workflows/order/messages';
import { actors } from '../helpers/fixtures';
import { drive } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { startOrder } from '../helpers/workflow-run';

// 002 §2.4: an instalment past due re-rates the order's risk. The receivables tell the order
// (a signal); its credit dimension turns high, and a high rating has a risk plan.

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'payment-overdue', rec.activities);

describe('an instalment past due (time-skipping)', () => {
  it('re-rates the order: credit high with overdue payments, once per instalment', async () => {
    const { h, orderNo, base } = await startOrder(bed.env, 'payment-overdue', 'PAY');
    await drive(h, base, (v) => v.status === 'PLANNING' || v.status === 'IN_PRODUCTION');
    const before = rec.callsOf('recordRiskAssessment').filter((a) => a.orderNo === orderNo);
    expect(before.at(-1)!.dimensions.credit.level).not.toBe('high');

    await h.signal(paymentOverdue, { instalment: 1, at: new Date(await bed.env.currentTimeMs()).toISOString() });
    await h.signal(paymentOverdue, { instalment: 1, at: new Date(await bed.env.currentTimeMs()).toISOString() });
    await h.query(orderView);
    // The re-rating is written by activities after the signal: wait for it, then a while longer for a second.
    const reratings = () => rec.callsOf('recordRiskAssessment').filter((a) => a.orderNo === orderNo && a.trigger === 'payment_overdue');
    for (let i = 0; i < 100 && reratings().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    const rerated = reratings();
    expect(rerated).toHaveLength(1);
    expect(rerated[0].dimensions.credit).toMatchObject({
      level: 'high',
      reasons: expect.arrayContaining(['customer has overdue payments']),
    });
    expect(rerated[0].level).toBe('high');
    // A high rating has a risk plan open: this one's, or one still open from before.
    const planOpen = () => [...rec.tasks.values()].some((t) => t.kind === 'risk_plan' && t.orderNo === orderNo && t.status === 'OPEN');
    for (let i = 0; i < 100 && !planOpen(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(planOpen()).toBe(true);
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });
});
