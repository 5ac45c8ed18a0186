import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { OrderWorkflowInput } from '../../workflows/order/types';
import { liveRuns, type WorkflowRun } from '../audit/history-archive';
import { activityEvents, updateEvents, type TimelineEvent } from './timeline-events';

// The audit timeline is read from the workflow's own history: what the workflow decided
// (the activities it scheduled, with their inputs) and what people asked of it (updates).

export type { TimelineEvent };

const { temporal } = proto;
type History = proto.temporal.api.history.v1.IHistory;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
type Payloads = proto.temporal.api.common.v1.IPayloads | null | undefined;
type Timestamp = proto.google.protobuf.ITimestamp | null | undefined;
const EventType = temporal.api.enums.v1.EventType;

function decode(payloads: Payloads): unknown[] {
  return (payloads?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
}

/** A protobuf timestamp as an ISO instant; its seconds are a Long or a number. */
function instant(ts: Timestamp): string {
  const s = ts?.seconds;
  const seconds = typeof s === 'number' ? s : s ? s.toNumber() : 0;
  return new Date(seconds * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

function started(e: HistoryEvent, at: string): TimelineEvent[] {
  const [input] = decode(e.workflowExecutionStartedEventAttributes?.input) as [OrderWorkflowInput | undefined];
  if (!input?.orderNo) return [];
  if (input.resume) return [{ at, type: 'continued_as_new', summary: 'The order continued in a new run with its whole state' }];
  const c = input.classification;
  return [
    {
      at,
      type: 'order_received',
      by: input.receivedBy,
      status: 'RECEIVED',
      summary: `Order ${input.orderNo} received (${c.kind}${c.urgent ? `, urgent: ${c.urgentRules.join(', ')}` : ''}) under policy ${input.policy.version}`,
    },
  ];
}

function eventsOf(e: HistoryEvent): TimelineEvent[] {
  const at = instant(e.eventTime);
  switch (e.eventType) {
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
      return started(e, at);
    case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
      const a = e.activityTaskScheduledEventAttributes;
      const name = a?.activityType?.name ?? '';
      const map = Object.hasOwn(activityEvents, name) ? activityEvents[name as keyof typeof activityEvents] : undefined;
      return map ? (map as (input: unknown, at: string) => TimelineEvent[])(decode(a?.input)[0], at) : [];
    }
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
      const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const map = updateEvents.get(req?.input?.name ?? '');
      return map ? map(decode(req?.input?.args)[0], at) : [];
    }
    default:
      return [];
  }
}

export function timelineFromHistory(history: History): TimelineEvent[] {
  return (history.events ?? []).flatMap(eventsOf);
}

/** The order's timeline over every run its workflow has had. */
export function timelineOfRuns(runs: WorkflowRun[]): TimelineEvent[] {
  return runs.flatMap((r) => timelineFromHistory(r.history));
}

/** Every run of the order Temporal still has, oldest first. */
export async function orderTimeline(client: Client, workflowId: string): Promise<TimelineEvent[]> {
  return timelineOfRuns(await liveRuns(client, workflowId));
}
