import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import type {
  ChangeRequest,
  Notification,
  OrderException,
  OrderStatus,
  OrderWorkflowInput,
  ProductionPlan,
  ProgressReport,
  RiskAssessment,
  SignOff,
  Task,
} from '../../workflows/order/types';

// The audit timeline is read from the workflow's own history: what the workflow decided
// (the activities it scheduled, with their inputs) and what people asked of it (updates).

const { temporal } = proto;
type History = proto.temporal.api.history.v1.IHistory;
type Payloads = proto.temporal.api.common.v1.IPayloads | null | undefined;
const EventType = temporal.api.enums.v1.EventType;

export interface TimelineEvent {
  at: string;
  type: string;
  summary: string;
  by?: { sub: string; name: string };
  taskId?: string;
  department?: string;
  dueAt?: string;
  status?: OrderStatus;
  outcome?: string;
  details?: unknown;
}

function decode(payloads: Payloads): unknown[] {
  return (payloads?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
}

type Mapper = (input: any, at: string) => TimelineEvent[];

const fromActivity: Record<string, Mapper> = {
  openTasks: (list: Task[], at) =>
    list.map((t) =>
      t.kind === 'escalation'
        ? {
            at,
            type: 'escalated',
            taskId: t.id,
            department: t.department,
            dueAt: t.dueAt,
            summary: `Missed deadline ${String(t.context?.missedDeadline)} of ${String(t.context?.escalatedTaskId)} escalated to ${t.context?.level === 'head' ? `the ${t.department} head` : 'management'}`,
            details: t.context,
          }
        : { at, type: 'task_created', taskId: t.id, department: t.department, dueAt: t.dueAt, summary: `${t.title} — due ${t.dueAt}` },
    ),
  recordClaim: (t: Task, at) => [
    {
      at,
      type: 'task_claimed',
      taskId: t.id,
      by: { sub: t.assignee ?? '', name: t.assignee ?? '' },
      summary: `${t.id} claimed by ${t.assignee}`,
    },
  ],
  recordCompletion: (t: Task, at) => [
    {
      at,
      type: 'task_completed',
      taskId: t.id,
      department: t.department,
      by: t.completedBy,
      outcome: t.outcome,
      summary: `${t.title}: ${t.outcome} by ${t.completedBy?.name ?? 'unknown'}${t.comment ? ` — ${t.comment}` : ''}`,
      details: t.data,
    },
  ],
  markOverdue: ({ task }: { task: Task }, at) => [
    {
      at,
      type: 'deadline_missed',
      taskId: task.id,
      department: task.department,
      dueAt: task.dueAt,
      summary: `${task.title}: deadline ${task.dueAt} missed`,
    },
  ],
  cancelTasks: ({ ids, reason }: { ids: string[]; reason: string }, at) =>
    ids.length ? [{ at, type: 'tasks_cancelled', summary: `${ids.length} task(s) cancelled: ${reason}`, details: { ids } }] : [],
  recordStatus: ({ status, reason }: { status: OrderStatus; reason?: string }, at) => [
    { at, type: 'status_changed', status, summary: `Status ${status}${reason ? ` (${reason})` : ''}` },
  ],
  recordOrderVersion: ({ version, reason, by }: { version: number; reason: string; by: { sub: string; name: string } }, at) => [
    { at, type: 'order_revised', by, summary: `Order revised to version ${version}: ${reason}` },
  ],
  recordProductionPlan: ({ plan, by }: { plan: ProductionPlan; by: { sub: string; name: string } }, at) => [
    {
      at,
      type: 'production_plan',
      by,
      summary: `Production plan: ${plan.batches.length} batch(es), milestones ${plan.milestones.map((m) => `${m.name} ${m.plannedDate}`).join(', ')}`,
      details: plan,
    },
  ],
  recordException: (e: OrderException, at) => [
    {
      at,
      type: 'exception_reported',
      by: e.reportedBy,
      department: e.department,
      summary: `Exception (${e.type}) reported by ${e.department}: ${e.description}`,
    },
  ],
  recordExceptionResolved: ({ id, resolution }: { id: string; resolution: string }, at) => [
    { at, type: 'exception_resolved', summary: `Exception ${id} resolved: ${resolution}` },
  ],
  recordRiskAssessment: (a: RiskAssessment, at) => [
    { at, type: 'risk_assessed', summary: `Risk ${a.level} (${a.trigger})`, details: a.dimensions },
  ],
  storeProgressReport: (r: ProgressReport, at) => [
    { at, type: 'progress_report', summary: `Progress report #${r.seq} (${r.trigger}) at status ${r.status}` },
  ],
  notify: (n: Notification, at) => [
    {
      at,
      type: 'notification',
      summary: `${'department' in n.audience ? `To ${n.audience.department}` : 'To the customer'}: ${n.subject}`,
    },
  ],
  recordChange: (c: ChangeRequest, at) => [
    {
      at,
      type: 'change',
      by: c.status === 'HEAD_REVIEW' ? c.requestedBy : undefined,
      summary: `Change ${c.seq} ${c.status.toLowerCase().replace('_', ' ')}: ${c.reason}${c.agreement ? ` (version ${c.agreement.version}, total ${c.agreement.total} ${c.agreement.currency}, delivery ${c.agreement.deliveryDate})` : ''}`,
      details: { changes: c.changes, departments: c.departments, opinions: c.opinions },
    },
  ],
  recordSignOffs: ({ round, signOffs }: { round: number; signOffs: SignOff[] }, at) => [
    {
      at,
      type: 'review_passed',
      summary: `Review round ${round} passed; signed off by ${signOffs.map((s) => `${s.department} (${s.by.name})`).join(', ')}`,
      details: signOffs,
    },
  ],
};

export function timelineFromHistory(history: History): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const e of history.events ?? []) {
    const at = (optionalTsToDate(e.eventTime) ?? new Date(0)).toISOString();
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
      const [input] = decode(e.workflowExecutionStartedEventAttributes?.input) as [OrderWorkflowInput | undefined];
      if (input?.orderNo && input.resume) {
        out.push({ at, type: 'continued_as_new', summary: 'The order continued in a new run with its whole state' });
      } else if (input?.orderNo) {
        out.push({
          at,
          type: 'order_received',
          by: input.receivedBy,
          status: 'RECEIVED',
          summary: `Order ${input.orderNo} received (${input.classification.kind}${input.classification.urgent ? `, urgent: ${input.classification.urgentRules.join(', ')}` : ''}) under policy ${input.policy.version}`,
        });
      }
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const a = e.activityTaskScheduledEventAttributes;
      const mapper = fromActivity[a?.activityType?.name ?? ''];
      if (mapper) out.push(...mapper(decode(a?.input)[0], at));
    } else if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
      const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const [arg] = decode(req?.input?.args) as [
        { actor?: { sub: string; name: string }; taskId?: string; outcome?: string; reason?: string } | undefined,
      ];
      const name = req?.input?.name ?? 'update';
      if (name === 'cancelOrder')
        out.push({
          at,
          type: 'cancel_requested',
          by: arg?.actor && { sub: arg.actor.sub, name: arg.actor.name },
          summary: `Cancellation requested: ${arg?.reason ?? ''}`,
        });
    }
  }
  return out;
}

/** Every run of the order, oldest first: each run's start event names the run it continued. */
export async function orderTimeline(client: Client, workflowId: string): Promise<TimelineEvent[]> {
  const runs: History[] = [];
  let runId: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) break;
    runId = previous;
  }
  return runs.flatMap(timelineFromHistory);
}
