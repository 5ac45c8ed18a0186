import { setHandler } from '@temporalio/workflow';
import { localDate } from '../calendar';
import { calendar, now, policyOf } from './clock';
import { checkActive, storable } from './guards';
import { requestProgressReport } from './messages';
import { startDeliveries } from './notify';
import { acts } from './projection';
import { isOver, type OrderRun } from './run';
import type { Actor, ProgressReport } from './types';
import { waitFor } from './waits';

// 000 §4.4: from the passed review until delivery, the customer gets a progress report at
// least every interval (7 days by default), and sales may send one at any time.

export interface ReportsState {
  reports: { started: boolean; seq: number; nextDueAt?: string };
}

export const initialReports = (): ReportsState => ({ reports: { started: false, seq: 0 } });

export function registerReportHandlers(run: OrderRun): void {
  setHandler(requestProgressReport, (_request: { actor: Actor }) => publishReport(run, 'on_request'), {
    validator: storable((_request: { actor: Actor }) => checkActive(run, 'a progress report')),
  });
}

const DAY_MS = 24 * 3600 * 1000;

export function buildReport(run: OrderRun, trigger: ProgressReport['trigger'], seq: number): ProgressReport {
  const { s } = run;
  const today = localDate(calendar(run), now());
  return {
    id: `${run.input.orderNo}.report.${seq}`,
    orderNo: run.input.orderNo,
    seq,
    trigger,
    generatedAt: now().toISOString(),
    status: s.status,
    version: s.version,
    expectedDeliveryDate: s.shipDate && s.shipDate > s.order.requestedDeliveryDate ? s.shipDate : s.order.requestedDeliveryDate,
    milestones: (s.plan?.milestones ?? []).map((m) => {
      const done = s.milestonesDone[m.name];
      return {
        name: m.name,
        plannedDate: m.plannedDate,
        completedOn: done,
        state: done ? 'done' : m.plannedDate < today ? 'late' : 'on_track',
      };
    }),
    quality: [...s.quality],
    openExceptions: s.exceptions.filter((e) => !e.resolvedAt),
    recipients: { webhookUrl: s.order.callbackUrl, email: s.order.customer.email },
  };
}

export async function publishReport(run: OrderRun, trigger: ProgressReport['trigger']): Promise<ProgressReport> {
  run.s.reports.seq += 1;
  const report = buildReport(run, trigger, run.s.reports.seq);
  startDeliveries(run, await acts.storeProgressReport(report));
  return report;
}

/** Runs beside the process: the weekly cadence, stopping at delivery. */
export async function reportsTrack(run: OrderRun): Promise<void> {
  const { s } = run;
  const stopped = () => isOver(s) || s.delivered;
  if (!(await waitFor(run, () => stopped() || s.reports.started))) return;
  const interval = policyOf(run).progressReport.intervalDays * DAY_MS;
  if (!s.reports.nextDueAt) {
    await publishReport(run, 'review_passed');
    s.reports.nextDueAt = new Date(now().getTime() + interval).toISOString();
  }
  // The cadence is anchored to the first report, so it never drifts later week by week.
  while (!(await waitFor(run, stopped, new Date(s.reports.nextDueAt)))) {
    s.reports.nextDueAt = new Date(Date.parse(s.reports.nextDueAt) + interval).toISOString();
    await publishReport(run, 'weekly');
  }
}
