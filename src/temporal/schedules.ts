import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { inspectionWorkflowId } from '../../workflows/inspection/messages';
import type { InspectionKind, InspectionWorkflowInput } from '../../workflows/inspection/types';
import type { PolicySnapshot } from '../../workflows/policy';

// The three recurring inspections of 002 §3.3.1 as Temporal Schedules, created or brought up
// to date when the worker starts. A schedule already matching the policy is left alone, so a
// second start changes nothing; a policy change updates its spec and action. Overlapping runs
// are skipped, and runs missed while the service was down are caught up within a week, once:
// the weekly ones have one run in that window, and of the finance schedule's daily days 1–7
// only the month's first working day goes ahead (the run reads its nominal time from its id).

export const scheduledKinds = ['operations', 'logistics', 'finance'] as const satisfies readonly InspectionKind[];
export type ScheduledKind = (typeof scheduledKinds)[number];

export const scheduleIdOf = (kind: ScheduledKind): string => `inspection-${kind}`;
const catchupWindow = '7 days';

/** What each schedule should be under the policy; `fingerprint` tells whether a stored one is current. */
export function desiredSchedules(
  snapshot: PolicySnapshot,
  taskQueue: string,
): (ScheduleOptions & { fingerprint: string; kind: ScheduledKind })[] {
  const { policy } = snapshot;
  return scheduledKinds
    .filter((kind) => policy.inspection[kind].enabled)
    .map((kind) => {
      const { cron } = policy.inspection[kind];
      const fingerprint = `${snapshot.version}|${cron}|${policy.timeZone}|${taskQueue}`;
      const input: InspectionWorkflowInput = { kind, policy: snapshot, startedBy: { sub: 'schedule', name: `${kind} schedule` } };
      return {
        kind,
        fingerprint,
        scheduleId: scheduleIdOf(kind),
        spec: { cronExpressions: [cron], timezone: policy.timeZone },
        action: {
          type: 'startWorkflow' as const,
          workflowType: 'inspectionWorkflow',
          workflowId: inspectionWorkflowId(kind),
          taskQueue,
          args: [input],
          memo: { fingerprint, cron },
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow },
      };
    });
}

/** Creates the missing schedules and updates those whose policy changed; answers what it did per schedule. */
export async function ensureInspectionSchedules(
  client: Client,
  snapshot: PolicySnapshot,
  taskQueue: string,
): Promise<Record<string, 'created' | 'updated' | 'unchanged'>> {
  const done: Record<string, 'created' | 'updated' | 'unchanged'> = {};
  for (const { fingerprint, kind: _kind, ...options } of desiredSchedules(snapshot, taskQueue)) {
    const handle = client.schedule.getHandle(options.scheduleId);
    try {
      const current = await handle.describe();
      const stored = current.action.type === 'startWorkflow' ? current.action.memo?.fingerprint : undefined;
      if (stored === fingerprint) {
        done[options.scheduleId] = 'unchanged';
        continue;
      }
      await handle.update((prev) => ({
        ...prev,
        spec: options.spec,
        action: options.action,
        policies: { ...prev.policies, ...options.policies },
      }));
      done[options.scheduleId] = 'updated';
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await client.schedule.create(options);
      done[options.scheduleId] = 'created';
    }
  }
  return done;
}

export interface ScheduleSummary {
  id: string;
  kind: ScheduledKind;
  /** The cron expression the policy gave, and the calendar Temporal made of it. */
  cron: string;
  calendars: unknown[];
  timeZone: string;
  paused: boolean;
  overlap: string;
  catchupWindowMs: number;
  nextRuns: string[];
  recentRuns: { scheduledAt: string; startedAt: string; workflowId: string }[];
}

/** The inspection schedules as the Temporal service holds them. */
export async function listInspectionSchedules(client: Client): Promise<ScheduleSummary[]> {
  // The three are described at once: one round trip's time, not three, on a busy server.
  const found = await Promise.all(scheduledKinds.map((kind) => describeSchedule(client, kind)));
  return found.filter((s): s is ScheduleSummary => s !== undefined);
}

async function describeSchedule(client: Client, kind: (typeof scheduledKinds)[number]): Promise<ScheduleSummary | undefined> {
  try {
    const d = await client.schedule.getHandle(scheduleIdOf(kind)).describe();
    return {
      id: d.scheduleId,
      kind,
      cron: d.action.type === 'startWorkflow' && typeof d.action.memo?.cron === 'string' ? d.action.memo.cron : '',
      calendars: d.spec.calendars ?? [],
      timeZone: d.spec.timezone ?? 'UTC',
      paused: d.state.paused,
      overlap: String(d.policies.overlap),
      catchupWindowMs: d.policies.catchupWindow,
      nextRuns: d.info.nextActionTimes.slice(0, 5).map((t) => t.toISOString()),
      recentRuns: d.info.recentActions.map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        startedAt: a.takenAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
    };
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    return undefined;
  }
}
