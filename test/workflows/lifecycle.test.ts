import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cancelOrder, completeTask, orderView, requestProgressReport } from '../../workflows/order/messages';
import type { OrderView } from '../../workflows/order/types';
import { actors } from '../helpers/fixtures';
import { complete, drive, rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { recordHistory, startOrder, type StartOptions } from '../helpers/workflow-run';

const DAY = 24 * 3600 * 1000;

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'lifecycle', rec.activities);

const start = (opts: StartOptions = {}) => startOrder(bed.env, 'lifecycle', 'LIFE', opts);

const statusesOf = (orderNo: string) =>
  rec
    .statusWrites()
    .filter((c) => c.orderNo === orderNo)
    .map((c) => c.status);
const reportsOf = (orderNo: string) => rec.callsOf('storeProgressReport').filter((r) => r.orderNo === orderNo);
const notesOf = (orderNo: string, topic: string) => rec.notices().filter((n) => n.orderNo === orderNo && n.topic === topic);
const created = (orderNo: string) =>
  rec
    .opened()
    .filter((t) => t.orderNo === orderNo)
    .map((t) => `${t.step}.r${t.round}`);
const atStage = (stage: string) => (v: OrderView) =>
  v.stage === stage && v.openTasks.some((t) => t.kind !== 'risk_plan' && t.kind !== 'escalation');

describe('order lifecycle (time-skipping)', () => {
  it('runs from intake to CLOSED through every step, looping on rejections and failures until they pass', async () => {
    const { h, orderNo, base } = await start();
    const failOnce = new Set(['contract-review', 'incoming-inspection', 'final-inspection', 'customer-acceptance']);
    const final = await drive(
      h,
      base,
      (v) => v.status === 'CLOSED',
      (t) => {
        if (t.round !== 1 || !failOnce.has(t.step)) return undefined;
        if (t.kind === 'contract_review') return ['reject', { reasons: ['liability cap missing'] }];
        if (t.kind === 'incoming_inspection') return ['fail', { defects: ['bar stock hardness below spec'] }];
        if (t.kind === 'final_inspection') return ['fail', { defects: ['two valves leak at 1.1×PN'] }];
        if (t.kind === 'customer_acceptance') return ['rejected', { issues: ['scratched flanges'] }];
        return undefined;
      },
    );
    expect(final.status).toBe('CLOSED');
    const result = await h.result();
    expect(result).toMatchObject({ status: 'CLOSED', stage: 'done', openTasks: [] });

    expect(statusesOf(orderNo)).toEqual([
      'IN_REVIEW',
      'CONTRACTING',
      'PLANNING',
      'PROCURING',
      'IN_PRODUCTION',
      'INSPECTING',
      'SHIPPING',
      'DELIVERED',
      'CLOSED',
    ]);
    expect(created(orderNo)).toEqual(
      expect.arrayContaining([
        'contract-draft.r1',
        'contract-review.r1',
        'contract-draft.r2',
        'contract-review.r2',
        'contract-signature.r2',
        'production-plan.r1',
        'material-purchase.r1',
        'incoming-inspection.r1',
        'material-remedy.r1',
        'incoming-inspection.r2',
        'material-receipt.r1',
        'milestone-1.r1',
        'milestone-2.r1',
        'final-inspection.r1',
        'rework.r1',
        'final-inspection.r2',
        'packaging.r1',
        'shipping-plan.r1',
        'dispatch.r1',
        'transport.r1',
        'customer-acceptance.r1',
        'rectification.r1',
        'customer-acceptance.r2',
        'post-order-summary.r1',
      ]),
    );
    // The redrafted contract carries legal's reasons back to sales.
    const redraft = rec.opened().find((t) => t.id === `${orderNo}.contract-draft.r2.sales`);
    expect(redraft?.context?.legalReasons).toEqual(['liability cap missing']);
    // Signed copies go to operations, finance and logistics; the plan is shared.
    expect(
      notesOf(orderNo, 'contract_signed')
        .map((n) => ('department' in n.audience ? n.audience.department : ''))
        .sort(),
    ).toEqual(['', 'finance', 'logistics', 'planning', 'production']);
    // The customer hears of the signed contract too.
    expect(notesOf(orderNo, 'contract_signed').find((n) => 'customer' in n.audience)?.body).toMatchObject({ contractNo: 'HT-2026-001' });
    expect(
      notesOf(orderNo, 'production_plan')
        .map((n) => ('department' in n.audience ? n.audience.department : ''))
        .sort(),
    ).toEqual(['equipment', 'procurement', 'quality', 'warehouse']);
    // Departments hear of the plan in one write, and a stage's status goes with its first tasks.
    expect(
      rec.callsOf('notifyDepartments').filter((list) => list[0]?.orderNo === orderNo && list[0].topic === 'production_plan'),
    ).toHaveLength(1);
    const entries = rec.callsOf('recordStageEntry').filter((e) => e.status.orderNo === orderNo);
    expect(entries.find((e) => e.status.status === 'PLANNING')?.tasks.map((t) => t.kind)).toEqual(['production_plan']);
    expect(rec.callsOf('recordStatus').filter((w) => w.orderNo === orderNo && w.status === 'PLANNING')).toEqual([]);
    expect(notesOf(orderNo, 'delivered')).toHaveLength(1);
    const reports = reportsOf(orderNo);
    expect(reports[0]).toMatchObject({ trigger: 'review_passed', seq: 1 });
    expect(rec.callsOf('recordProductionPlan').some((p) => p.orderNo === orderNo)).toBe(true);
    await recordHistory(h, 'lifecycle');
  });

  it('sends exactly one progress report per interval while the order is open, one more on request, and none after delivery', async () => {
    const { h, orderNo, base } = await start({ leadDays: 600 });
    await drive(h, base, atStage('production'), (t) =>
      t.kind === 'production_plan'
        ? [
            'planned',
            {
              batches: [{ batchNo: 'B1', quantity: 400, plannedStart: iso(base, 1), plannedEnd: iso(base, 500) }],
              milestones: [{ name: 'all', plannedDate: iso(base, 500) }],
            },
          ]
        : undefined,
    );
    expect(reportsOf(orderNo)).toHaveLength(1);

    // A year and a week, a week at a time.
    for (let week = 0; week < 53; week++) await bed.env.sleep(7 * DAY);
    await bed.env.sleep(3600_000);
    expect(reportsOf(orderNo).map((r) => r.trigger)).toEqual(['review_passed', ...Array(53).fill('weekly')]);
    const onRequest = await h.executeUpdate(requestProgressReport, { args: [{ actor: actors.sales }] });
    expect(onRequest).toMatchObject({ trigger: 'on_request', seq: 55, status: 'IN_PRODUCTION' });
    expect(onRequest.milestones).toEqual([{ name: 'all', plannedDate: iso(base, 500), state: 'on_track' }]);

    await drive(h, base, (v) => v.status === 'DELIVERED');
    const atDelivery = reportsOf(orderNo).length;
    await bed.env.sleep(5 * 7 * DAY);
    expect(reportsOf(orderNo)).toHaveLength(atDelivery);
    const seqs = reportsOf(orderNo).map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    await drive(h, base, (v) => v.status === 'CLOSED');
  });

  it('runs the overdue procedure when the promised date passes before delivery', async () => {
    const { h, orderNo, base } = await start({ leadDays: 30 });
    await drive(h, base, atStage('production'));
    await bed.env.sleep(35 * DAY);
    let v = await h.query(orderView);
    const explanation = v.openTasks.find((t) => t.kind === 'overdue_explanation')!;
    expect(explanation).toMatchObject({ department: 'production', round: 1 });
    const today = await bed.env.currentTimeMs();
    // A new delivery date in the past is refused by the workflow itself.
    expect(
      await rejectionType(
        complete(h, explanation, 'explained', {
          reason: 'late castings',
          compensationPlan: '2% discount',
          newDeliveryDate: iso(today, -1),
        }),
      ),
    ).toBe('InvalidCompletion');
    await complete(h, explanation, 'explained', {
      reason: 'late castings',
      compensationPlan: '2% discount',
      newDeliveryDate: iso(today, 20),
    });
    v = await waitForTask(h, 'compensation_approval', 1);
    const approval = v.openTasks.find((t) => t.kind === 'compensation_approval')!;
    expect(approval).toMatchObject({ department: 'sales', requiredRole: 'head' });
    // Staff cannot approve; the head rejects once, and a second plan is written.
    const staff = { ...actors.sales };
    expect(
      await rejectionType(h.executeUpdate(completeTask, { args: [{ taskId: approval.id, outcome: 'approve', data: {}, actor: staff }] })),
    ).toBe('NotYourTask');
    await complete(h, approval, 'reject', { reasons: ['discount too high; offer free spares instead'] });
    v = await waitForTask(h, 'overdue_explanation', 2);
    const second = v.openTasks.find((t) => t.kind === 'overdue_explanation')!;
    expect(second.context?.rejected).toEqual({ reasons: ['discount too high; offer free spares instead'] });
    await complete(h, second, 'explained', {
      reason: 'casting supplier late',
      compensationPlan: 'free spare seals',
      newDeliveryDate: iso(today, 20),
    });
    v = await waitForTask(h, 'compensation_approval', 2);
    await complete(
      h,
      v.openTasks.find((t) => t.kind === 'compensation_approval')!,
      'approve',
      {},
    );
    await waitUntil(() => notesOf(orderNo, 'delivery_overdue').length === 3);
    const toCustomer = notesOf(orderNo, 'delivery_overdue').find((n) => 'customer' in n.audience)!;
    expect(toCustomer.body).toMatchObject({ compensationPlan: 'free spare seals', newDeliveryDate: iso(today, 20) });
    // The order itself goes on: production is still waiting for its milestone.
    expect((await h.query(orderView)).stage).toBe('production');
    // The new date is watched in turn: missing it starts the procedure again (003 §4.1).
    await bed.env.sleep(25 * DAY);
    v = await waitForTask(h, 'overdue_explanation', 3);
    expect(v.openTasks.find((t) => t.kind === 'overdue_explanation')?.context?.promisedDate).toBe(iso(today, 20));
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
    await h.result();
    await recordHistory(h, 'overdue-delivery');
  });
});

function iso(base: number, days: number): string {
  return new Date(base + days * DAY).toISOString().slice(0, 10);
}

async function waitForTask(h: WorkflowHandle, kind: string, round: number): Promise<OrderView> {
  for (let i = 0; i < 100; i++) {
    const v = await h.query(orderView);
    if (v.openTasks.some((t) => t.kind === kind && t.round === round)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no open ${kind} task in round ${round}`);
}

async function waitUntil(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(pred()).toBe(true);
}

describe('complex orders (time-skipping)', () => {
  it('holds the review meeting to its notice period, adds rnd and equipment, and controls design changes', async () => {
    const { h, base } = await start({ order: { kind: 'complex' } });
    let v = await waitForTask(h, 'review_meeting', 1);
    const meeting = v.openTasks.find((t) => t.kind === 'review_meeting')!;
    const tooSoon = iso(await bed.env.currentTimeMs(), 0);
    try {
      await complete(h, meeting, 'scheduled', { meetingDate: tooSoon });
      expect.unreachable('an early meeting must be refused');
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((err as WorkflowUpdateFailedError).cause?.message).toMatch(/earliest allowed date is \d{4}-\d{2}-\d{2}/);
    }
    await complete(h, meeting, 'scheduled', { meetingDate: iso(await bed.env.currentTimeMs(), 14) });
    v = await waitForTask(h, 'review', 1);
    expect(
      v.openTasks
        .filter((t) => t.kind === 'review')
        .map((t) => t.department)
        .sort(),
    ).toEqual(['engineering', 'equipment', 'finance', 'procurement', 'production', 'quality', 'rnd']);

    v = await drive(h, base, atStage('design_review'));
    const quality = v.openTasks.find((t) => t.kind === 'design_review' && t.department === 'quality')!;
    for (const t of v.openTasks.filter((x) => x.kind === 'design_review' && x !== quality)) await complete(h, t, 'approve', {});
    await complete(h, quality, 'reject', { reasons: ['wall too thin for PN40'] });
    v = await waitForTask(h, 'design_change', 1);
    expect(v.openTasks.find((t) => t.kind === 'design_change')?.context?.objections).toEqual([
      { department: 'quality', reasons: ['wall too thin for PN40'] },
    ]);
    v = await drive(h, base, atStage('plan'));
    expect(v.openTasks.find((t) => t.kind === 'production_plan')).toMatchObject({ department: 'production', round: 1 });
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
    await h.result();
    await recordHistory(h, 'complex-order');
  });
});

describe('cancellation (time-skipping)', () => {
  it('cancels in the middle of execution: every open task is cancelled and reports stop', async () => {
    const { h, orderNo, base } = await start();
    await drive(h, base, atStage('incoming_inspection'));
    const open = (await h.query(orderView)).openTasks;
    const result = await h.executeUpdate(cancelOrder, { args: [{ reason: 'customer went bankrupt', actor: actors.sales }] });
    expect(result.status).toBe('CANCELLED');
    expect((await h.result()).status).toBe('CANCELLED');
    for (const t of open) expect(rec.tasks.get(t.id)?.status).toBe('CANCELLED');
    const reports = reportsOf(orderNo).length;
    await bed.env.sleep(3 * 7 * DAY);
    expect(reportsOf(orderNo)).toHaveLength(reports);
    expect(statusesOf(orderNo).at(-1)).toBe('CANCELLED');
  });
});
