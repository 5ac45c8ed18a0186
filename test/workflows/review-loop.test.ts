import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cancelOrder, completeTask, orderView, type CompleteTaskRequest } from '../../workflows/order/messages';
import type { Actor, OrderView } from '../../workflows/order/types';
import { actors, reviewers } from '../helpers/fixtures';
import { rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { recordHistory, startOrder } from '../helpers/workflow-run';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'review-loop', rec.activities);

/** Dates follow the test server's clock, which jumps ahead whenever the suite waits on it. */
async function start(policy = {}) {
  return (await startOrder(bed.env, 'review-loop', 'TEST', { policy })).h;
}

const view = (h: WorkflowHandle) => h.query(orderView);

async function openTasksOf(h: WorkflowHandle, pred: (v: OrderView) => boolean): Promise<OrderView> {
  for (let i = 0; i < 100; i++) {
    const v = await view(h);
    if (pred(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workflow did not reach the expected state: ${JSON.stringify(await view(h)).slice(0, 1500)}`);
}

function complete(h: WorkflowHandle, taskId: string, actor: Actor, outcome: string, data: unknown = {}) {
  const req: CompleteTaskRequest = { taskId, outcome, data, actor };
  return h.executeUpdate(completeTask, { args: [req] });
}

/** Independent of the calendar module: walks the days one by one. */
function nthWorkingDay(fromLocalDate: string, n: number, holidays: Set<string>, makeups: Set<string>): string {
  let d = new Date(`${fromLocalDate}T00:00:00Z`);
  let count = 0;
  while (count < n) {
    d = new Date(d.getTime() + DAY);
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    if (makeups.has(iso) || (weekday && !holidays.has(iso))) count++;
  }
  return d.toISOString().slice(0, 10);
}

const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

describe('review loop (time-skipping)', () => {
  it('a missed deadline turns the task overdue, escalates to the head at once and to management one working day later, never auto-approving', async () => {
    // A calendar built around today, so that the deadline always crosses a weekend, two
    // weekday holidays and a make-up Saturday, whatever day the suite runs.
    const today = shanghaiDate(await bed.env.currentTimeMs());
    const days = Array.from({ length: 14 }, (_, i) => shanghaiDate(Date.parse(`${today}T00:00:00Z`) - 8 * HOUR + (i + 1) * DAY));
    const weekdays = days.filter((d) => {
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      return w >= 1 && w <= 5;
    });
    const holidays = weekdays.slice(0, 2);
    const makeup = days.find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
    const calendar = { holidays, makeupWorkdays: [makeup] };
    const H = new Set(holidays);
    const M = new Set([makeup]);

    const h = await start({ calendar });
    const v1 = await openTasksOf(h, (v) => v.openTasks.length === 5);
    const createdLocal = shanghaiDate(Date.parse(v1.openTasks[0].createdAt));
    const due = nthWorkingDay(createdLocal, 2, H, M);
    const expectedDue = `${due}T10:00:00.000Z`; // 18:00 in Shanghai
    expect(v1.openTasks.map((t) => t.dueAt)).toEqual(Array(5).fill(expectedDue));

    // One department answers in time; the other four miss the deadline.
    const production = v1.openTasks.find((t) => t.department === 'production')!;
    await complete(h, production.id, actors.production, 'approve');

    await bed.env.sleep(Date.parse(expectedDue) - (await bed.env.currentTimeMs()) + 60_000);
    const v2 = await view(h);
    const late = v2.openTasks.filter((t) => t.kind === 'review');
    expect(late).toHaveLength(4);
    expect(late.every((t) => t.overdue)).toBe(true);
    const overdue = rec.callsOf('markOverdue').filter((c) => c.task.orderNo === v1.orderNo);
    expect(overdue).toHaveLength(4);
    for (const c of overdue) expect(Math.abs(Date.parse(c.detectedAt) - Date.parse(expectedDue))).toBeLessThan(60_000);

    const toHeads = v2.openTasks.filter((t) => t.kind === 'escalation');
    expect(toHeads.map((t) => t.department).sort()).toEqual(['engineering', 'finance', 'procurement', 'quality']);
    expect(toHeads.every((t) => t.requiredRole === 'head')).toBe(true);
    const managementDay = nthWorkingDay(due, 1, H, M);
    expect(toHeads[0].dueAt).toBe(`${managementDay}T10:00:00.000Z`);

    // Staff cannot act on the head's escalation.
    const financeEscalation = toHeads.find((t) => t.department === 'finance')!;
    expect(await rejectionType(complete(h, financeEscalation.id, actors.finance, 'acknowledge', { action: 'chasing' }))).toBe(
      'NotYourTask',
    );

    // Finance answers late: its escalation is withdrawn; the others go to management.
    const finance = late.find((t) => t.department === 'finance')!;
    await complete(h, finance.id, actors.finance, 'approve');
    await bed.env.sleep(Date.parse(`${managementDay}T10:00:00.000Z`) - (await bed.env.currentTimeMs()) + 60_000);
    const v3 = await view(h);
    expect(v3.status).toBe('IN_REVIEW');
    const toManagement = v3.openTasks.filter((t) => t.kind === 'escalation' && t.department === 'management');
    expect(toManagement.map((t) => t.context?.escalatedDepartment).sort()).toEqual(['engineering', 'procurement', 'quality']);
    expect(v3.openTasks.some((t) => t.context?.escalatedTaskId === finance.id)).toBe(false);

    // Still waiting a week later: nothing is auto-approved.
    await bed.env.sleep(7 * DAY);
    expect((await view(h)).status).toBe('IN_REVIEW');
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'test over', actor: actors.sales }] });
  });

  it('reject → renegotiate → revise → re-review → pass, recording sign-offs', async () => {
    const h = await start();
    const round1 = await openTasksOf(h, (v) => v.openTasks.length === 5);
    const byDept = Object.fromEntries(round1.openTasks.map((t) => [t.department, t]));

    // The validator turns away what must not reach the history.
    expect(await rejectionType(complete(h, 'no-such-task', actors.quality, 'approve'))).toBe('TaskNotFound');
    expect(await rejectionType(complete(h, byDept.finance.id, actors.production, 'approve'))).toBe('NotYourTask');
    expect(await rejectionType(complete(h, byDept.quality.id, actors.quality, 'reject', {}))).toBe('InvalidCompletion');
    expect(await rejectionType(complete(h, byDept.quality.id, actors.quality, 'maybe'))).toBe('InvalidCompletion');

    for (const d of ['production', 'procurement', 'engineering', 'finance']) await complete(h, byDept[d].id, reviewers[d], 'approve');
    expect(await rejectionType(complete(h, byDept.finance.id, actors.finance, 'approve'))).toBe('TaskNotOpen');
    await complete(h, byDept.quality.id, actors.quality, 'reject', {
      reasons: ['PN16 pressure test capacity is booked until next month'],
      suggestions: ['outsource 30% of the pressure tests'],
    });

    const reneg = await openTasksOf(h, (v) => v.status === 'RENEGOTIATING' && v.openTasks.length === 1);
    const task = reneg.openTasks[0];
    expect(task).toMatchObject({ kind: 'renegotiation', department: 'sales', outcomes: ['revise', 'cancel'] });
    expect(task.context?.rejections).toEqual([
      expect.objectContaining({
        department: 'quality',
        reasons: ['PN16 pressure test capacity is booked until next month'],
        suggestions: ['outsource 30% of the pressure tests'],
      }),
    ]);

    await complete(h, task.id, actors.sales, 'revise', {
      revision: { requestedDeliveryDate: new Date((await bed.env.currentTimeMs()) + 150 * DAY).toISOString().slice(0, 10) },
      summary: 'customer accepts a later date',
    });
    const round2 = await openTasksOf(h, (v) => v.reviewRound === 2 && v.openTasks.length === 5);
    expect(round2.version).toBe(2);
    expect(round2.openTasks.every((t) => t.id.includes('.r2.'))).toBe(true);
    for (const t of round2.openTasks) await complete(h, t.id, reviewers[t.department], 'approve');

    const passed = await openTasksOf(h, (v) => v.status === 'CONTRACTING' && v.openTasks.length > 0);
    expect(passed.openTasks.map((t) => t.kind)).toEqual(['contract_draft']);
    const signOffs = rec.callsOf('recordSignOffs').find((c) => c.orderNo === passed.orderNo)!;
    expect(signOffs.round).toBe(2);
    expect(signOffs.signOffs.map((s) => s.department).sort()).toEqual(['engineering', 'finance', 'procurement', 'production', 'quality']);
    expect(rec.callsOf('recordOrderVersion').find((c) => c.orderNo === passed.orderNo)?.version).toBe(2);

    await h.executeUpdate(cancelOrder, { args: [{ reason: 'recorded', actor: actors.sales }] });
    await h.result();
    await recordHistory(h, 'review-loop');
  });

  it('cancel during review cancels every open task and ends the workflow', async () => {
    const h = await start();
    const v = await openTasksOf(h, (x) => x.openTasks.length === 5);
    const result = await h.executeUpdate(cancelOrder, { args: [{ reason: 'customer withdrew', actor: actors.sales }] });
    expect(result.status).toBe('CANCELLED');
    expect(result.cancelled).toMatchObject({ reason: 'customer withdrew', by: { sub: actors.sales.sub } });
    const final = await h.result();
    expect(final.status).toBe('CANCELLED');
    for (const t of v.openTasks) expect(rec.tasks.get(t.id)?.status).toBe('CANCELLED');
    // A second cancel is refused by the API (409); here, the run is simply over.
    expect((await h.describe()).status.name).toBe('COMPLETED');
    await recordHistory(h, 'cancel-in-review');
  });

  it('sales can cancel from the renegotiation task', async () => {
    const h = await start();
    const v = await openTasksOf(h, (x) => x.openTasks.length === 5);
    for (const t of v.openTasks) {
      await complete(
        h,
        t.id,
        reviewers[t.department],
        t.department === 'finance' ? 'reject' : 'approve',
        t.department === 'finance' ? { reasons: ['margin below 8%'] } : {},
      );
    }
    const reneg = await openTasksOf(h, (x) => x.status === 'RENEGOTIATING' && x.openTasks.length === 1);
    await complete(h, reneg.openTasks[0].id, actors.sales, 'cancel', { reason: 'customer will not pay more' });
    const final = await h.result();
    expect(final.status).toBe('CANCELLED');
    expect(final.cancelled?.reason).toBe('customer will not pay more');
  });
});
