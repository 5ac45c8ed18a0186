import { describe, expect, it } from 'vitest';
import { kpiReports } from '../../src/db/schema';
import { previousMonth } from '../../src/kpis/period';
import { buildPolicy } from '../../src/policy/load';
import { ensureKpiSchedules, kpiScheduleIds } from '../../src/temporal/kpi-schedules';
import { localDate } from '../../workflows/calendar';
import { calendarOf } from '../../workflows/policy';
import { eventually, useStack } from '../helpers/api';

// The KPI schedules on the real dev server: set when the worker starts, brought in line
// with the policy on the next start, and the monthly one stores a report when it fires.

const stack = useStack();

async function scheduleIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of stack.stack.env.client.schedule.list()) ids.push(s.scheduleId);
  return ids.sort();
}

describe('the KPI schedules', () => {
  it('are created once however often the worker starts, and follow the policy', async () => {
    const { client } = stack.stack.env;
    const { policy } = buildPolicy();
    await ensureKpiSchedules(client, policy, stack.stack.taskQueue);
    await ensureKpiSchedules(client, policy, stack.stack.taskQueue);
    await eventually(async () => (await scheduleIds()).length === 2, 'the schedules to be listed');
    expect(await scheduleIds()).toEqual(['kpi-daily-monitor', 'kpi-monthly-report']);

    const monthly = await client.schedule.getHandle(kpiScheduleIds.monthlyReport).describe();
    expect(monthly.spec.timezone).toBe('Asia/Shanghai');
    expect(monthly.spec.calendars?.[0]).toMatchObject({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 1, end: 1, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    });
    expect(monthly.action).toMatchObject({ workflowType: 'kpiMonthlyReportWorkflow', taskQueue: stack.stack.taskQueue });

    const changed = buildPolicy({ kpis: { monitorAt: '09:30', alerts: [{ kpi: 'on_time_delivery', below: 85 }] } }).policy;
    await ensureKpiSchedules(client, changed, stack.stack.taskQueue);
    const monitor = await client.schedule.getHandle(kpiScheduleIds.monitor).describe();
    expect(monitor.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 9, end: 9, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    expect(monitor.action).toMatchObject({
      workflowType: 'kpiMonitorWorkflow',
      args: [{ alerts: [{ kpi: 'on_time_delivery', below: 85 }], windowDays: 30 }],
    });
    expect(await scheduleIds()).toEqual(['kpi-daily-monitor', 'kpi-monthly-report']);
  });

  it('stores the month before when the monthly schedule fires', async () => {
    const month = previousMonth(localDate(calendarOf(buildPolicy().policy), new Date()));
    await stack.stack.env.client.schedule.getHandle(kpiScheduleIds.monthlyReport).trigger();
    const [report] = await eventually(async () => {
      const rows = await stack.stack.database.db.select().from(kpiReports);
      return rows.length > 0 && rows;
    }, 'the monthly report to be stored');
    expect(report).toMatchObject({ month, revision: 1, storedBy: 'schedule', timeZone: 'Asia/Shanghai' });
    expect(report.kpis.some((k) => k.id === 'on_time_delivery')).toBe(true);
  });
});
