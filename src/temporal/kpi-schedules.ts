import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { kpiMonitorWorkflow, kpiMonthlyReportWorkflow } from '../../workflows';
import type { Policy } from '../../workflows/policy';

// The KPI schedules, created when the worker starts and brought in line with the policy on
// every later start: the daily check of the indicators against their thresholds (003 §6.3)
// and the month-end publication of the report (001 §6.1.2, 002 §6.3.1, 003 §8.2).

export const kpiScheduleIds = { monitor: 'kpi-daily-monitor', monthlyReport: 'kpi-monthly-report' } as const;

const at = (hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number);
  return { hour, minute };
};

/** What each schedule should be under the policy. */
export function kpiSchedules(policy: Policy, taskQueue: string): ScheduleOptions[] {
  const { kpis, timeZone } = policy;
  // A run missed while the service was down is made up when it is back, within these windows.
  return [
    {
      scheduleId: kpiScheduleIds.monitor,
      spec: { calendars: [{ ...at(kpis.monitorAt), comment: 'daily' }], timezone: timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: kpiMonitorWorkflow,
        workflowId: kpiScheduleIds.monitor,
        taskQueue,
        args: [{ alerts: kpis.alerts, windowDays: kpis.monitorWindowDays }],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    },
    {
      scheduleId: kpiScheduleIds.monthlyReport,
      spec: { calendars: [{ ...at(kpis.monthlyReportAt), dayOfMonth: 1, comment: 'first of each month' }], timezone: timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: kpiMonthlyReportWorkflow,
        workflowId: kpiScheduleIds.monthlyReport,
        taskQueue,
        args: [{}],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    },
  ];
}

/** Creates the KPI schedules, or updates them to the policy when they exist. */
export async function ensureKpiSchedules(client: Client, policy: Policy, taskQueue: string): Promise<void> {
  for (const options of kpiSchedules(policy, taskQueue)) {
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: { ...previous.policies, ...options.policies },
      }));
    }
  }
}

/** Connects, brings the KPI schedules in line with the policy, and disconnects. */
export async function upsertKpiSchedules(opts: { address: string; namespace: string; taskQueue: string; policy: Policy }): Promise<void> {
  const connection = await Connection.connect({ address: opts.address });
  try {
    await ensureKpiSchedules(new Client({ connection, namespace: opts.namespace }), opts.policy, opts.taskQueue);
  } finally {
    await connection.close();
  }
}
