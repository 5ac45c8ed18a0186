import type { UpdateDefinition } from '@temporalio/common';
import type { OrderActivities } from '../../activities';
import { cancelOrder } from '../../workflows/order/messages';
import type { OrderStatus } from '../../workflows/order/types';
import type { BoardTask as Task } from '../../workflows/tasks/types';

// What each activity the workflow scheduled, and each Update people sent it, means in the
// audit timeline. The maps are typed by the activities' and Updates' own names and inputs,
// so renaming either breaks the build instead of silently emptying the timeline.

export interface TimelineEvent {
  at: string;
  type: string;
  summary: string;
  by?: { sub: string; name: string };
  taskId?: string;
  /** The department whose step this is; its data and comment are that department's. */
  department?: string;
  dueAt?: string;
  status?: OrderStatus;
  outcome?: string;
  comment?: string;
  details?: unknown;
}

type ActivityName = keyof OrderActivities;
type ActivityInput<K extends ActivityName> = Parameters<OrderActivities[K]>[0];
type ActivityEvents = { [K in ActivityName]?: (input: ActivityInput<K>, at: string) => TimelineEvent[] };

/** The department of a task, the last part of its stable id (`<orderNo>.<step>.r<round>.<department>`). */
const departmentOfTask = (taskId: string): string => taskId.slice(taskId.lastIndexOf('.') + 1);

function taskCreated(t: Task, at: string): TimelineEvent {
  if (t.kind !== 'escalation') {
    return { at, type: 'task_created', taskId: t.id, department: t.department, dueAt: t.dueAt, summary: `${t.title} — due ${t.dueAt}` };
  }
  const target = t.context?.level === 'head' ? `the ${t.department} head` : 'management';
  return {
    at,
    type: 'escalated',
    taskId: t.id,
    department: t.department,
    dueAt: t.dueAt,
    summary: `Missed deadline ${String(t.context?.missedDeadline)} of ${String(t.context?.escalatedTaskId)} escalated to ${target}`,
    details: t.context,
  };
}

function statusChanged({ status, reason }: ActivityInput<'recordStatus'>, at: string): TimelineEvent {
  return { at, type: 'status_changed', status, summary: `Status ${status}${reason ? ` (${reason})` : ''}` };
}

function notification(n: ActivityInput<'notify'>, at: string): TimelineEvent {
  return {
    at,
    type: 'notification',
    summary: `${'department' in n.audience ? `To ${n.audience.department}` : 'To the customer'}: ${n.subject}`,
  };
}

export const activityEvents: ActivityEvents = {
  openTasks: (list, at) => list.map((t) => taskCreated(t, at)),
  recordClaim: (t, at) => [
    {
      at,
      type: 'task_claimed',
      taskId: t.id,
      department: departmentOfTask(t.id),
      by: { sub: t.assignee ?? '', name: t.assignee ?? '' },
      summary: `${t.id} claimed by ${t.assignee}`,
    },
  ],
  recordAssignment: (a, at) => [
    a.assignee === null
      ? {
          at,
          type: 'task_released',
          taskId: a.id,
          department: departmentOfTask(a.id),
          by: a.by,
          summary: `${a.id} released to the inbox by ${a.by.name}`,
        }
      : {
          at,
          type: 'task_assigned',
          taskId: a.id,
          department: departmentOfTask(a.id),
          by: a.by,
          summary: `${a.id} assigned to ${a.assignee} by ${a.by.name}`,
          details: { assignee: a.assignee },
        },
  ],
  recordCompletion: (t, at) => [
    {
      at,
      type: 'task_completed',
      taskId: t.id,
      department: t.department,
      by: t.completedBy,
      outcome: t.outcome,
      summary: `${t.title}: ${t.outcome} by ${t.completedBy?.name ?? 'unknown'}`,
      ...(t.comment ? { comment: t.comment } : {}),
      details: t.data,
    },
  ],
  markOverdue: ({ task }, at) => [
    {
      at,
      type: 'deadline_missed',
      taskId: task.id,
      department: task.department,
      dueAt: task.dueAt,
      summary: `${task.title}: deadline ${task.dueAt} missed`,
    },
  ],
  cancelTasks: ({ ids, reason }, at) =>
    ids.length ? [{ at, type: 'tasks_cancelled', summary: `${ids.length} task(s) cancelled: ${reason}`, details: { ids } }] : [],
  recordStatus: (write, at) => [statusChanged(write, at)],
  recordStageEntry: ({ status, tasks }, at) => [statusChanged(status, at), ...tasks.map((t) => taskCreated(t, at))],
  recordOrderVersion: ({ version, reason, by }, at) => [
    { at, type: 'order_revised', by, summary: `Order revised to version ${version}: ${reason}` },
  ],
  recordProductionPlan: ({ plan, revision, by }, at) => [
    {
      at,
      type: 'production_plan',
      by,
      department: 'production',
      summary: `Production plan revision ${revision}: ${plan.batches.length} batch(es), ${plan.milestones.length} milestone(s)`,
      details: plan,
    },
  ],
  recordUrgency: ({ urgent, urgentRules, reason }, at) => [
    {
      at,
      type: 'urgency_changed',
      summary: urgent ? `Order moved into the urgent lane (${urgentRules.join(', ')}): ${reason}` : `Order left the urgent lane: ${reason}`,
    },
  ],
  recordException: (e, at) => [
    {
      at,
      type: 'exception_reported',
      by: e.reportedBy,
      department: e.department,
      summary: `Exception (${e.type}) reported by ${e.department}: ${e.description}`,
    },
  ],
  recordExceptionResolved: ({ id, resolution }, at) => [
    { at, type: 'exception_resolved', summary: `Exception ${id} resolved: ${resolution}` },
  ],
  recordRiskAssessment: (a, at) => [{ at, type: 'risk_assessed', summary: `Risk ${a.level} (${a.trigger})`, details: a.dimensions }],
  storeProgressReport: (r, at) => [
    { at, type: 'progress_report', summary: `Progress report #${r.seq} (${r.trigger}) at status ${r.status}` },
  ],
  notify: (n, at) => [notification(n, at)],
  notifyDepartments: (list, at) => list.map((n) => notification(n, at)),
  recordChange: (c, at) => [
    {
      at,
      type: 'change',
      by: c.status === 'HEAD_REVIEW' ? c.requestedBy : undefined,
      summary: `Change ${c.seq} ${c.status.toLowerCase().replace('_', ' ')}: ${c.reason}${c.agreement ? ` (version ${c.agreement.version}, total ${c.agreement.total} ${c.agreement.currency}, delivery ${c.agreement.deliveryDate})` : ''}`,
      details: { changes: c.changes, departments: c.departments, opinions: c.opinions },
    },
  ],
  recordSignOffs: ({ round, signOffs }, at) => [
    {
      at,
      type: 'review_passed',
      summary: `Review round ${round} passed; signed off by ${signOffs.map((s) => `${s.department} (${s.by.name})`).join(', ')}`,
      details: signOffs,
    },
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Update, whatever it answers or takes
type AnyUpdate = UpdateDefinition<any, [any]>;
type UpdateArg<D> = D extends UpdateDefinition<unknown, [infer A]> ? A : never;
type UpdateEvent = (arg: unknown, at: string) => TimelineEvent[];

function onUpdate<D extends AnyUpdate>(update: D, map: (arg: UpdateArg<D>, at: string) => TimelineEvent[]): [string, UpdateEvent] {
  return [update.name, map as UpdateEvent];
}

/** Requests people made that no activity records. */
export const updateEvents = new Map<string, UpdateEvent>([
  onUpdate(cancelOrder, ({ actor, reason }, at) => [
    { at, type: 'cancel_requested', by: { sub: actor.sub, name: actor.name }, summary: `Cancellation requested: ${reason}` },
  ]),
]);
