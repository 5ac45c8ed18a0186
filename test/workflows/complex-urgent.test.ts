import { describe, expect, it } from 'vitest';
import { cancelOrder } from '../../workflows/order/messages';
import { actors } from '../helpers/fixtures';
import { complete, defaultCompletion } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { DAY, HOUR, recordHistory, startOrder, waitForTask, waitForView } from '../helpers/workflow-run';
import { addWorkingDays, zonedTime } from '../../workflows/calendar';
import { calendarOf } from '../../workflows/policy';
import { buildPolicy } from '../../src/policy/load';

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'complex-urgent', rec.activities);

const iso = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const cal = calendarOf(buildPolicy().policy);

describe('complex and urgent reviews (time-skipping)', () => {
  it('a complex order rejected in round 1 is re-reviewed in round 2 and passes', async () => {
    const { h, base } = await startOrder(bed.env, 'complex-urgent', 'CPX', { order: { kind: 'complex' } });
    let v = await waitForTask(h, 'review_meeting');
    const meetingAt = (await bed.env.currentTimeMs()) + 14 * DAY;
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'review_meeting')!,
      'scheduled',
      { meetingDate: iso(meetingAt) },
    );
    v = await waitForView(h, (x) => x.openTasks.filter((t) => t.kind === 'review').length === 7, 'round 1');
    const meeting = zonedTime(cal, iso(meetingAt), '09:00');
    expect(v.openTasks.find((t) => t.kind === 'review')?.dueAt).toBe(addWorkingDays(cal, meeting, 5).toISOString());
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
    // 000 §3.1.2: each round has its own 5 working days, counted from the round's start, not the meeting.
    const round2 = v.openTasks.filter((x) => x.kind === 'review');
    expect(new Set(round2.map((t) => t.dueAt))).toEqual(new Set([addWorkingDays(cal, new Date(round2[0].createdAt), 5).toISOString()]));
    for (const t of round2) await complete(h, t, 'approve', {});
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
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'urgent_confirmation')!,
      'confirmed',
      {
        confirmedWithCustomer: true,
        requestedDate: iso((await bed.env.currentTimeMs()) + 30 * DAY),
        reason: 'line stoppage at the customer',
      },
    );
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
