import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { BareShape } from './bare/workflows';

// What one order costs the engine, read from its histories: events, activities, Updates and
// timers; and for the service, the groups in which its tasks open. A service order is its
// order workflow and, once its contract is signed, its receivables workflow (with a task of
// its own, finance's settlement): the twin has to do both's work.

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

/** The shape of several workflows' histories together (an order and its receivables). */
export async function combinedShape(client: Client, workflowIds: string[]): Promise<HistoryShape> {
  const shapes = await Promise.all(workflowIds.map((id) => historyShape(client, id)));
  const sum = (k: keyof HistoryShape) => shapes.reduce((total, x) => total + x[k], 0);
  return { events: sum('events'), activities: sum('activities'), updates: sum('updates'), timers: sum('timers') };
}

/** Tasks created at the same instant form one group, in the order they opened. */
export function taskGroups(tasks: { createdAt: string }[]): number[] {
  const groups: number[] = [];
  let last = '';
  for (const t of [...tasks].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (t.createdAt === last) groups[groups.length - 1]++;
    else groups.push(1);
    last = t.createdAt;
  }
  return groups;
}

/** The twin of a service order: its task groups, activities and timers, one Update per task. */
export function twinOf(shape: HistoryShape, groups: number[]): BareShape {
  return { groups, activities: shape.activities, timers: shape.timers };
}
