import { Client, WorkflowFailedError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiActivities } from '../../activities/kpis';
import type { Database } from '../../src/db/client';
import { complaints, kpiAlertStates, notifications, orders } from '../../src/db/schema';
import { readReport, storeMonthlyReport } from '../../src/kpis/reports';
import { buildPolicy } from '../../src/policy/load';
import { kpiMonitorWorkflow, kpiMonthlyReportWorkflow } from '../../workflows';
import { localDate } from '../../workflows/calendar';
import { calendarOf } from '../../workflows/policy';
import { createTestDatabase } from '../helpers/db';
import { kpiRows } from '../helpers/kpi-rows';
import { startWorkflowTestbed, type WorkflowTestbed } from '../helpers/temporal';
import { DAY } from '../helpers/workflow-run';

// The workflows the KPI schedules start, on the time-skipping server with their real
// activities against a test database: the daily check tells management once per crossing,
// the monthly publication stores a month once and never changes it.

const { policy } = buildPolicy();
const taskQueue = 'kpi-scheduled';
let database: Database;
let bed: WorkflowTestbed;

beforeAll(async () => {
  database = await createTestDatabase();
  bed = await startWorkflowTestbed('time-skipping', taskQueue, createKpiActivities(database.db, policy));
});
afterAll(async () => {
  await bed?.close();
  await database?.close();
});

let runs = 0;
/**
 * Runs a workflow as its schedule would. A plain client: waiting on the time-skipping
 * client's result lets the server run its clock far ahead once the run has ended, and
 * these checks read the days before the clock. The days between runs pass with env.sleep.
 */
const run = <T>(workflow: (...args: never[]) => Promise<T>, args: unknown[]) =>
  new Client({ connection: bed.env.connection }).workflow.execute(workflow as never, {
    workflowId: `kpi-${++runs}`,
    taskQueue,
    args: args as never,
  }) as Promise<T>;

const thresholds = { alerts: policy.kpis.alerts, windowDays: 30 };
const alertsToManagement = () => database.db.select().from(notifications).where(eq(notifications.topic, 'kpi_alert'));
/** Local time in the policy zone, `days` from the server's clock: the rows the checks see move with it. */
const localDaysAgo = async (days: number) => {
  const d = localDate(calendarOf(policy), new Date((await bed.env.currentTimeMs()) - days * DAY));
  return `${d} 10:00`;
};

describe('the daily KPI check (003 §6.3)', () => {
  it('tells management once when on-time delivery falls under 90 %, not again while it stays there, and again after it recovers and falls anew', async () => {
    const r = kpiRows(database);
    // Ten orders delivered ten days ago; two of them a day after the promised date.
    const delivered = await localDaysAgo(10);
    const promised = delivered.slice(0, 10);
    for (let i = 1; i <= 10; i++) await r.order(`M${i}`, { received: await localDaysAgo(40), delivered, requested: promised });
    const late = ['M1', 'M2'];
    const setLate = async (lateness: number) => {
      for (const orderNo of late) {
        const requested = localDate(calendarOf(policy), new Date(Date.parse(`${promised}T00:00:00+08:00`) - lateness * DAY));
        const [o] = await database.db.select().from(orders).where(eq(orders.orderNo, orderNo));
        await database.db
          .update(orders)
          .set({ data: { ...o.data, requestedDeliveryDate: requested } })
          .where(eq(orders.orderNo, orderNo));
      }
    };
    await setLate(1);

    const first = await run(kpiMonitorWorkflow, [thresholds]);
    expect(first.readings.find((x) => x.kpi === 'on_time_delivery')).toMatchObject({ department: 'sales', value: 80, crossed: true });
    expect(first.readings.find((x) => x.kpi === 'complaint_rate')).toMatchObject({ value: 0, crossed: false });
    expect(first.readings.find((x) => x.kpi === 'first_pass_inspection')).toMatchObject({ value: null, crossed: false });
    expect(first.alerted).toEqual(['on_time_delivery/sales']);
    const notices = await alertsToManagement();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: 'kpi-alert.on_time_delivery.sales.1', audience: 'management', orderNo: null, channel: 'feed' });
    expect(notices[0].subject).toContain('is 80, below 90');

    await bed.env.sleep(DAY);
    expect((await run(kpiMonitorWorkflow, [thresholds])).alerted).toEqual([]);
    expect(await alertsToManagement()).toHaveLength(1);

    await setLate(-1); // the promised dates move out: every delivery was on time
    const recovered = await run(kpiMonitorWorkflow, [thresholds]);
    expect(recovered.readings.find((x) => x.kpi === 'on_time_delivery')).toMatchObject({ value: 100, crossed: false });
    expect(recovered.alerted).toEqual([]);
    const [state] = await database.db.select().from(kpiAlertStates).where(eq(kpiAlertStates.kpi, 'on_time_delivery'));
    expect(state).toMatchObject({ department: 'sales', crossed: false, crossings: 1, value: 100 });

    await bed.env.sleep(DAY);
    await setLate(1);
    expect((await run(kpiMonitorWorkflow, [thresholds])).alerted).toEqual(['on_time_delivery/sales']);
    expect((await alertsToManagement()).map((n) => n.id).sort()).toEqual([
      'kpi-alert.on_time_delivery.sales.1',
      'kpi-alert.on_time_delivery.sales.2',
    ]);
  });

  it('watches the complaint rate from above: one complaint in ten delivered orders is 10 %', async () => {
    await database.db.insert(complaints).values({
      id: 'MK1',
      orderNo: 'M3',
      receivedAt: new Date((await bed.env.currentTimeMs()) - 2 * DAY),
      content: 'late',
      channel: 'phone',
      receivedBy: 'cass',
      inspectionId: 'complaint-MK1',
    });
    const result = await run(kpiMonitorWorkflow, [thresholds]);
    expect(result.readings.find((x) => x.kpi === 'complaint_rate')).toMatchObject({
      value: 10,
      numerator: 1,
      denominator: 10,
      crossed: true,
    });
    expect(result.alerted).toEqual(['complaint_rate']);
    expect((await alertsToManagement()).map((n) => n.id)).toContain('kpi-alert.complaint_rate.company.1');
  });
});

describe('the monthly KPI report (001 §6.1.2, 002 §6.3.1, 003 §8.2)', () => {
  it('stores the month before the run once; a later run changes nothing, and a recompute is revision 2', async () => {
    const today = localDate(calendarOf(policy), new Date(await bed.env.currentTimeMs()));
    const [y, m] = today.split('-').map(Number);
    const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const r = kpiRows(database);
    await r.order('P1', { received: `${month}-03 10:00`, delivered: `${month}-20 10:00`, requested: `${month}-25` });

    const first = await run(kpiMonthlyReportWorkflow, [{}]);
    expect(first).toEqual({ month, revision: 1, created: true });
    const stored = await readReport(database.db, month);
    const rate = (kpis: { id: string }[]) => kpis.find((k) => k.id === 'complaint_rate');
    expect(rate(stored!.kpis)).toMatchObject({ value: 0, numerator: 0, denominator: 1 });

    // A complaint about that month arrives late; the next run does not touch the stored report.
    await database.db.insert(complaints).values({
      id: 'PK1',
      orderNo: 'P1',
      receivedAt: new Date(`${month}-28T02:00:00Z`),
      content: 'late',
      channel: 'phone',
      receivedBy: 'cass',
      inspectionId: 'complaint-PK1',
    });
    await bed.env.sleep(DAY);
    expect(await run(kpiMonthlyReportWorkflow, [{ month }])).toEqual({ month, revision: 1, created: false });
    expect(await readReport(database.db, month)).toEqual(stored);

    const recomputed = await storeMonthlyReport(database.db, policy, month, {
      recompute: true,
      by: 'root',
      now: new Date(await bed.env.currentTimeMs()),
    });
    expect(recomputed).toMatchObject({ month, revision: 2, created: true });
    expect(rate(recomputed.kpis)).toMatchObject({ value: 100, numerator: 1 });
    expect(await readReport(database.db, month, 1)).toEqual(stored);
  });

  it('refuses to publish a month that has not ended', async () => {
    const today = localDate(calendarOf(policy), new Date(await bed.env.currentTimeMs()));
    const failure = await run(kpiMonthlyReportWorkflow, [{ month: today.slice(0, 7) }]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(((failure as WorkflowFailedError).cause?.cause as { type?: string })?.type).toBe('MonthNotOver');
  });
});
