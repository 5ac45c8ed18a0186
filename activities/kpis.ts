import { ApplicationFailure } from '@temporalio/common';
import { localDate } from '../workflows/calendar';
import { calendarOf, type Policy } from '../workflows/policy';
import type { KpiReading } from '../workflows/kpi/thresholds';
import type { Db } from '../src/db/client';
import { recordReadings } from '../src/kpis/alerts';
import { computeKpis } from '../src/kpis/compute';
import type { Kpi } from '../src/kpis/kpi';
import { addDays, kpiPeriod, previousMonth } from '../src/kpis/period';
import { monthEnd, storeMonthlyReport } from '../src/kpis/reports';

// The scheduled KPI work's side effects: figures computed from the projections, alert
// states and notices, and stored monthly reports. Times come from the workflow.

export const createKpiActivities = (db: Db, policy: Policy) => ({
  /** The figures of the `windowDays` days up to the end of the day before `at` (policy time zone), only the KPIs named. */
  async computeKpiWindow(input: { windowDays: number; at: string; ids: string[] }): Promise<{ from: string; to: string; kpis: Kpi[] }> {
    const at = new Date(input.at);
    const to = addDays(localDate(calendarOf(policy), at), -1);
    const from = addDays(to, 1 - input.windowDays);
    const kpis = await computeKpis(db, policy, kpiPeriod(policy, from, to, at));
    return { from, to, kpis: kpis.filter((k) => input.ids.includes(k.id)) };
  },

  async recordKpiReadings(input: { readings: KpiReading[]; from: string; to: string; at: string }): Promise<string[]> {
    return recordReadings(db, input.readings, { from: input.from, to: input.to, at: new Date(input.at) });
  },

  /** Stores the month's report unless it is stored already (then it answers the stored revision). */
  async publishMonthlyKpiReport(input: { month?: string; at: string }): Promise<{ month: string; revision: number; created: boolean }> {
    const at = new Date(input.at);
    const month = input.month ?? previousMonth(localDate(calendarOf(policy), at));
    if (at < monthEnd(policy, month)) {
      throw ApplicationFailure.create({
        type: 'MonthNotOver',
        message: `${month} has not ended yet in ${policy.timeZone}`,
        nonRetryable: true,
      });
    }
    const stored = await storeMonthlyReport(db, policy, month, { recompute: false, by: 'schedule', now: at });
    return { month, revision: stored.revision, created: stored.created };
  },
});

export type KpiActivities = ReturnType<typeof createKpiActivities>;
