import { describe, expect, it } from 'vitest';
import { cancelOrder } from '../../workflows/order/messages';
import { actors } from '../helpers/fixtures';
import { complete, defaultCompletion } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { DAY, recordHistory, startOrder, waitForTask, waitForView } from '../helpers/workflow-run';

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'complex-urgent', rec.activities);

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('complex and urgent reviews (time-skipping)', () => {
  it('a complex order rejected in round 1 is re-reviewed in round 2 and passes', async () => {
    const { h, base } = await startOrder(bed.env, 'complex-urgent', 'CPX', { order: { kind: 'complex' } });
    let v = await waitForTask(h, 'review_meeting');
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'review_meeting')!,
      'scheduled',
      {
        meetingDate: iso((await bed.env.currentTimeMs()) + 14 * DAY),
      },
    );
    v = await waitForView(h, (x) => x.openTasks.filter((t) => t.kind === 'review').length === 7, 'round 1');
    for (const t of v.openTasks.filter((x) => x.kind === 'review')) {
      if (t.department === 'quality') await complete(h, t, 'reject', { reasons: ['PN40 needs a new test rig'] });
      else await complete(h, t, 'approve', {});
    }
    v = await waitForTask(h, 'renegotiation');
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'renegotiation')!,
      ...defaultCompletion('renegotiation', base),
    );
    v = await waitForView(h, (x) => x.reviewRound === 2 && x.openTasks.filter((t) => t.kind === 'review').length === 7, 'round 2');
    expect(v.version).toBe(2);
    for (const t of v.openTasks.filter((x) => x.kind === 'review')) await complete(h, t, 'approve', {});
    v = await waitForTask(h, 'contract_draft');
    expect(v.status).toBe('CONTRACTING');
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
    await h.result();
    await recordHistory(h, 'complex-round-two');
  });

  it('an urgent complex order is confirmed, meets, and is reviewed on the urgent lane', async () => {
    const { h } = await startOrder(bed.env, 'complex-urgent', 'UCX', {
      order: { kind: 'complex', urgent: { reason: 'line stoppage at the customer' } },
      classification: { kind: 'complex', urgent: true, urgentRules: ['flagged'] },
    });
    let v = await waitForTask(h, 'urgent_confirmation');
    await complete(h, v.openTasks.find((t) => t.kind === 'urgent_confirmation')!, 'confirmed', {
      confirmedWithCustomer: true,
      requestedDate: iso((await bed.env.currentTimeMs()) + 30 * DAY),
      reason: 'line stoppage at the customer',
    });
    v = await waitForTask(h, 'review_meeting');
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'review_meeting')!,
      'scheduled',
      {
        meetingDate: iso((await bed.env.currentTimeMs()) + 7 * DAY),
      },
    );
    v = await waitForView(h, (x) => x.openTasks.filter((t) => t.kind === 'review').length === 7, 'the urgent review');
    expect(v.openTasks.filter((t) => t.kind === 'review').every((t) => t.priority === 'urgent')).toBe(true);
    for (const t of v.openTasks.filter((x) => x.kind === 'review')) await complete(h, t, 'approve', {});
    await waitForTask(h, 'contract_draft');
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
    await h.result();
    await recordHistory(h, 'urgent-complex');
  });
});
