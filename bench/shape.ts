import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { BareShape } from './bare/workflows';

// What one order costs the engine, read from its history: events, activities, Updates and
// timers; and for the service, the groups in which its tasks open (from its audit timeline).

const { EventType } = proto.temporal.api.enums.v1;

export interface HistoryShape {
  events: number;
  activities: number;
  updates: number;
  timers: number;
}

export async function historyShape(client: Client, workflowId: string): Promise<HistoryShape> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const count = (type: proto.temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === type).length;
  return {
    events: events.length,
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    updates: count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
  };
}

/** Tasks opened at the same workflow instant form one group, in the order they opened. */
export function taskGroups(timeline: { type: string; at: string }[]): number[] {
  const groups: number[] = [];
  let last = '';
  for (const e of timeline.filter((x) => x.type === 'task_created')) {
    if (e.at === last) groups[groups.length - 1]++;
    else groups.push(1);
    last = e.at;
  }
  return groups;
}

/** The twin of a service order: its task groups, activities and timers, one Update per task. */
export function twinOf(shape: HistoryShape, groups: number[]): BareShape {
  return { groups, activities: shape.activities, timers: shape.timers };
}
