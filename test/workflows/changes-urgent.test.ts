import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cancelOrder, completeTask, orderView, requestChange, type ChangeRequestInput } from '../../workflows/order/messages';
import type { OrderView, Task } from '../../workflows/order/types';
import { actors, sampleOrder } from '../helpers/fixtures';
import { complete, defaultCompletion, drive, rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { DAY, HOUR, recordHistory, startOrder, waitForView } from '../helpers/workflow-run';

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'changes-urgent', rec.activities);

const start = (urgent = false) =>
  startOrder(bed.env, 'changes-urgent', 'CHG', urgent ? { classification: { urgent: true, urgentRules: ['key_customer'] } } : {});

const notesOf = (orderNo: string, topic: string) => rec.notices().filter((n) => n.orderNo === orderNo && n.topic === topic);
const openOf = (v: OrderView, kind: string) => v.openTasks.filter((t) => t.kind === kind);
const waitFor = (h: WorkflowHandle, pred: (v: OrderView) => boolean) => waitForView(h, pred);
const head = (department: string) => ({
  sub: `${department}-head`,
  name: `${department} head`,
  departments: [department],
  roles: ['head'],
});
const quantityChange = (quantity: number): ChangeRequestInput['changes'] => ({ items: [{ ...sampleOrder().items[0], quantity }] });
const fileChange = (h: WorkflowHandle, quantity: number) =>
  h.executeUpdate(requestChange, {
    args: [
      { changes: quantityChange(quantity), reason: 'customer needs more', impact: { cost: 36500, note: '+2 days' }, actor: actors.sales },
    ],
  });
const atProduction = (v: OrderView) => v.stage === 'production' && openOf(v, 'milestone').length === 1;

describe('change requests (time-skipping)', () => {
  it('a change during production: head approval, scoped re-review, version n+1, stale tasks reissued, re-planning', async () => {
    const { h, orderNo, base } = await start();
    const before = await drive(h, base, atProduction);
    const milestone = openOf(before, 'milestone')[0];

    const change = await fileChange(h, 500);
    expect(change).toMatchObject({ status: 'HEAD_REVIEW', departments: ['finance', 'procurement', 'production'] });
    expect(await rejectionType(fileChange(h, 600))).toBe('ChangeInProgress');

    let v = await waitFor(h, (x) => openOf(x, 'change_approval').length === 1);
    const approval = openOf(v, 'change_approval')[0];
    expect(
      await rejectionType(
        h.executeUpdate(completeTask, { args: [{ taskId: approval.id, outcome: 'approve', data: {}, actor: actors.sales }] }),
      ),
    ).toBe('NotYourTask');
    await h.executeUpdate(completeTask, { args: [{ taskId: approval.id, outcome: 'approve', data: {}, actor: head('sales') }] });

    v = await waitFor(h, (x) => openOf(x, 'change_review').length === 3);
    expect(
      openOf(v, 'change_review')
        .map((t) => t.department)
        .sort(),
    ).toEqual(['finance', 'procurement', 'production']);
    for (const t of openOf(v, 'change_review')) await complete(h, t, 'approve', {});

    v = await waitFor(h, (x) => x.change?.status === 'AGREED' && openOf(x, 're_costing').length > 0);
    expect(v.version).toBe(before.version + 1);
    expect(v.change?.agreement).toMatchObject({ version: v.version, total: 500 * 182.5, currency: 'CNY' });
    expect(rec.tasks.get(milestone.id)?.status).toBe('CANCELLED');
    const reissued = openOf(v, 'milestone')[0];
    expect(reissued.id).toBe(`${milestone.id}.c1`);
    expect(reissued.context?.version).toBe(v.version);
    // Procurement re-plans; finance re-costs every agreed change; production revises its plan as the quantity moved.
    expect(openOf(v, 're_planning').map((t) => t.department)).toEqual(['procurement']);
    expect(openOf(v, 're_costing').map((t) => t.department)).toEqual(['finance']);
    const revision = openOf(v, 'plan_revision')[0];
    expect(revision).toMatchObject({ department: 'production', step: 'change-1-plan' });
    expect((revision.context?.plan as { batches: unknown[] }).batches).toEqual(before.plan?.batches);
    const changeRatings = () => rec.callsOf('recordRiskAssessment').filter((a) => a.orderNo === orderNo && a.trigger === 'change');
    for (let i = 0; i < 100 && changeRatings().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(changeRatings()).toHaveLength(1);
    await complete(h, openOf(v, 're_costing')[0], 'recosted', { marginPct: 3, costDelta: 18000 });
    await complete(h, revision, ...defaultCompletion('plan_revision', base));
    v = await waitFor(h, (x) => openOf(x, 'plan_revision').length === 0 && x.risk?.dimensions.cost.level === 'high');
    expect(v.plan?.batches[0]).toMatchObject({ batchNo: 'B1', quantity: 500 });
    expect(
      rec
        .callsOf('recordProductionPlan')
        .filter((p) => p.orderNo === orderNo)
        .map((p) => p.revision),
    ).toEqual([1, 2]);
    expect(changeRatings()).toHaveLength(2);

    // The reissued task carries the process on; the stale one is closed to completion.
    expect(await rejectionType(complete(h, milestone, 'done', { completedOn: '2027-01-01' }))).toBe('TaskNotOpen');
    await complete(h, reissued, 'done', { completedOn: '2027-01-01' });
    await waitFor(
      h,
      (x) => x.stage === 'production' && openOf(x, 'milestone').length === 1 && !openOf(x, 'milestone')[0].id.endsWith('.c1'),
    );
    await recordHistory(h, 'change-during-production');
  });

  it('a change rejected by the sales head changes nothing', async () => {
    const { h, base } = await start();
    const before = await drive(h, base, atProduction);
    await fileChange(h, 450);
    const v = await waitFor(h, (x) => openOf(x, 'change_approval').length === 1);
    await h.executeUpdate(completeTask, {
      args: [
        { taskId: openOf(v, 'change_approval')[0].id, outcome: 'reject', data: { reasons: ['capacity booked'] }, actor: head('sales') },
      ],
    });
    const after = await waitFor(h, (x) => x.change?.status === 'REJECTED');
    expect(after.version).toBe(before.version);
    expect(after.change?.opinions).toEqual([
      expect.objectContaining({ step: 'head_approval', outcome: 'reject', reasons: ['capacity booked'] }),
    ]);
    expect(openOf(after, 'milestone')[0].id).toBe(openOf(before, 'milestone')[0].id);
  });

  it('a change that fails re-review is renegotiated, revised and re-reviewed until it passes', async () => {
    const { h, base } = await start();
    await drive(h, base, atProduction);
    await fileChange(h, 900);
    let v = await waitFor(h, (x) => openOf(x, 'change_approval').length === 1);
    await h.executeUpdate(completeTask, {
      args: [{ taskId: openOf(v, 'change_approval')[0].id, outcome: 'approve', data: {}, actor: head('sales') }],
    });
    v = await waitFor(h, (x) => openOf(x, 'change_review').length === 3);
    for (const t of openOf(v, 'change_review')) {
      await complete(
        h,
        t,
        t.department === 'production' ? 'reject' : 'approve',
        t.department === 'production' ? { reasons: ['900 exceeds the line capacity'] } : {},
      );
    }
    v = await waitFor(h, (x) => openOf(x, 'change_renegotiation').length === 1);
    expect(v.change?.status).toBe('RENEGOTIATING');
    const reneg = openOf(v, 'change_renegotiation')[0];
    expect(reneg.context?.objections).toEqual([
      expect.objectContaining({ department: 'production', reasons: ['900 exceeds the line capacity'] }),
    ]);
    await complete(h, reneg, 'revise', { changes: quantityChange(700), summary: 'customer accepts 700' });
    v = await waitFor(h, (x) => openOf(x, 'change_review').length === 3 && openOf(x, 'change_review').every((t) => t.round === 2));
    for (const t of openOf(v, 'change_review')) await complete(h, t, 'approve', {});
    v = await waitFor(h, (x) => x.change?.status === 'AGREED');
    expect(v.change?.round).toBe(2);
    expect(v.change?.agreement?.total).toBe(700 * 182.5);
  });
});

/** Files a change and approves it through head approval and every re-review, until it is agreed. */
async function agree(h: WorkflowHandle, changes: ChangeRequestInput['changes'], seq: number): Promise<OrderView> {
  await h.executeUpdate(requestChange, { args: [{ changes, reason: `change ${seq}`, impact: {}, actor: actors.sales }] });
  let v = await waitFor(h, (x) => openOf(x, 'change_approval').length === 1);
  await h.executeUpdate(completeTask, {
    args: [{ taskId: openOf(v, 'change_approval')[0].id, outcome: 'approve', data: {}, actor: head('sales') }],
  });
  v = await waitFor(h, (x) => openOf(x, 'change_review').length > 0);
  for (const t of openOf(v, 'change_review')) await complete(h, t, 'approve', {});
  return waitFor(h, (x) => x.change?.seq === seq && x.change.status === 'AGREED' && openOf(x, 're_costing').length === 1);
}

describe('changes and deadlines (time-skipping)', () => {
  it('a task reissued by a change is held to the deadline it shows, not the stale one', async () => {
    const { h, orderNo, base } = await start();
    const before = await drive(h, base, atProduction);
    const milestone = openOf(before, 'milestone')[0];
    // A day before the milestone is due, the delivery date moves: the reissued task gets the re-planning time.
    await bed.env.sleep(Date.parse(milestone.dueAt) - (await bed.env.currentTimeMs()) - DAY);
    const moved = new Date(Date.parse(sampleOrder().requestedDeliveryDate) + 10 * DAY).toISOString().slice(0, 10);
    const v = await agree(h, { requestedDeliveryDate: moved }, 1);
    const reissued = openOf(v, 'milestone')[0];
    expect(reissued.id).toBe(`${milestone.id}.c1`);
    expect(Date.parse(reissued.dueAt)).toBeGreaterThan(Date.parse(milestone.dueAt));
    const overdueOf = (id: string) => rec.callsOf('markOverdue').filter((c) => c.task.id === id);

    await bed.env.sleep(Date.parse(milestone.dueAt) - (await bed.env.currentTimeMs()) + HOUR);
    expect(overdueOf(reissued.id)).toHaveLength(0);
    expect((await h.query(orderView)).openTasks.some((t) => t.kind === 'escalation')).toBe(false);

    await bed.env.sleep(Date.parse(reissued.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const missed = await waitFor(h, (x) => x.openTasks.some((t) => t.kind === 'escalation' && t.context?.escalatedTaskId === reissued.id));
    expect(overdueOf(reissued.id)).toHaveLength(1);
    expect(Math.abs(Date.parse(overdueOf(reissued.id)[0].detectedAt) - Date.parse(reissued.dueAt))).toBeLessThan(60_000);
    // Other steps of the order may be late by now too: this is the reissued milestone's escalation.
    expect(missed.openTasks.find((t) => t.kind === 'escalation' && t.context?.escalatedTaskId === reissued.id)).toMatchObject({
      department: 'production',
      requiredRole: 'head',
    });
    expect(rec.callsOf('markOverdue').filter((c) => c.task.orderNo === orderNo && c.task.id === milestone.id)).toHaveLength(0);
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });

  it('a change that flags the order urgent moves it into the urgent lane, and one that removes the flag takes it out', async () => {
    const { h, orderNo, base } = await start();
    await drive(h, base, atProduction);
    let v = await agree(h, { urgent: { reason: 'the customer line is down' } }, 1);
    const urgentMilestone = openOf(v, 'milestone')[0];
    expect(urgentMilestone.priority).toBe('urgent');
    expect(openOf(v, 're_planning').find((t) => t.department === 'procurement')?.context?.markers).toEqual(['expedite']);
    expect(
      rec
        .callsOf('recordUrgency')
        .filter((u) => u.orderNo === orderNo)
        .map((u) => [u.urgent, u.urgentRules]),
    ).toEqual([[true, ['flagged']]]);
    expect(
      notesOf(orderNo, 'urgent_processing_sheet')
        .map((n) => ('department' in n.audience ? n.audience.department : ''))
        .sort(),
    ).toEqual(['logistics', 'procurement', 'production']);
    for (const t of openOf(v, 're_costing')) await complete(h, t, 'recosted', { marginPct: 20 });

    v = await agree(h, { urgent: null }, 2);
    expect(openOf(v, 'milestone')[0].priority).toBe('normal');
    expect(v.openTasks.every((t) => t.priority === 'normal')).toBe(true);
    expect(
      rec
        .callsOf('recordUrgency')
        .filter((u) => u.orderNo === orderNo)
        .map((u) => u.urgent),
    ).toEqual([true, false]);
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });
});

describe('urgent orders (time-skipping)', () => {
  it('runs on hour deadlines, marks procurement and logistics, and escalates straight to management', async () => {
    const { h, orderNo } = await start(true);
    let v = await waitFor(h, (x) => openOf(x, 'urgent_confirmation').length === 1);
    const confirm = openOf(v, 'urgent_confirmation')[0];
    expect(Date.parse(confirm.dueAt) - Date.parse(confirm.createdAt)).toBe(2 * HOUR);
    expect(confirm.priority).toBe('urgent');
    await complete(h, confirm, 'confirmed', { confirmedWithCustomer: true, requestedDate: '2027-01-10', reason: 'line stoppage' });
    v = await waitFor(h, (x) => openOf(x, 'review').length === 5);
    const sheet = rec.notices().filter((n) => n.orderNo === orderNo && n.topic === 'urgent_processing_sheet');
    expect(sheet.map((n) => ('department' in n.audience ? n.audience.department : '')).sort()).toEqual([
      'logistics',
      'procurement',
      'production',
    ]);
    const reviews = openOf(v, 'review');
    for (const t of reviews) expect(Date.parse(t.dueAt) - Date.parse(t.createdAt)).toBe(4 * HOUR);
    expect(reviews.find((t) => t.department === 'procurement')?.context?.markers).toEqual(['expedite']);

    await bed.env.sleep(4 * HOUR + 60_000);
    v = await h.query(orderView);
    const escalations = openOf(v, 'escalation');
    expect(escalations).toHaveLength(5);
    expect(escalations.every((t) => t.department === 'management')).toBe(true);
    await recordHistory(h, 'urgent-escalation');
  });

  for (const [option, data] of [
    ['move_date', { newDate: '2027-06-30', note: 'customer accepts end of June' }],
    ['add_resources', { resources: 'weekend shift and a second CNC cell', extraCost: 18000 }],
    ['change_process', { change: 'outsource the machining of the bodies' }],
  ] as const) {
    it(`an infeasible urgent order is negotiated (${option}) and the lane goes on`, async () => {
      const { h, base } = await start(true);
      let v = await drive(h, base, (x) => openOf(x, 'review').length === 5);
      for (const t of openOf(v, 'review')) {
        await complete(
          h,
          t,
          t.department === 'production' ? 'infeasible' : 'approve',
          t.department === 'production' ? { reasons: ['line full until March'] } : {},
        );
      }
      v = await waitFor(h, (x) => openOf(x, 'urgent_negotiation').length === 1);
      const negotiation: Task = openOf(v, 'urgent_negotiation')[0];
      expect(negotiation.outcomes).toEqual(['move_date', 'add_resources', 'change_process']);
      await complete(h, negotiation, option, data);
      v = await waitFor(h, (x) => openOf(x, 'contract_draft').length === 1);
      expect(v.status).toBe('CONTRACTING');
      expect(v.version).toBe(option === 'move_date' ? 2 : 1);
    });
  }
});
