import { proxyActivities } from '@temporalio/workflow';
import type { KpiActivities } from '../../activities/kpis';
import { readingsOf, type AlertThreshold, type KpiReading } from './thresholds';

// The scheduled KPI work: the daily check of the indicators against their thresholds
// (003 §6.3), and the publication of each month's report once it has ended (001 §6.1.2,
// 002 §6.3.1, 003 §8.2). The figures are computed and stored by activities; a run's time
// is the workflow's own, so a retried or replayed run reads the same period.

const kpiActs = proxyActivities<KpiActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

export interface KpiMonitorInput {
  /** The policy's thresholds when the schedule was last set. */
  alerts: AlertThreshold[];
  /** How many days, up to the end of yesterday, the indicators look at. */
  windowDays: number;
}

export interface KpiMonitorResult {
  from: string;
  to: string;
  readings: KpiReading[];
  /** The indicators that crossed their threshold in this run; management was told of each. */
  alerted: string[];
}

export async function kpiMonitorWorkflow(input: KpiMonitorInput): Promise<KpiMonitorResult> {
  const at = new Date().toISOString();
  const ids = [...new Set(input.alerts.map((a) => a.kpi))];
  const { from, to, kpis } = await kpiActs.computeKpiWindow({ windowDays: input.windowDays, at, ids });
  const readings = readingsOf(kpis, input.alerts);
  const alerted = await kpiActs.recordKpiReadings({ readings, from, to, at });
  return { from, to, readings, alerted };
}

export interface KpiMonthlyReportInput {
  /** The month to publish; the one before the run's by default. */
  month?: string;
}

export async function kpiMonthlyReportWorkflow(
  input: KpiMonthlyReportInput = {},
): Promise<{ month: string; revision: number; created: boolean }> {
  return kpiActs.publishMonthlyKpiReport({ month: input.month, at: new Date().toISOString() });
}
