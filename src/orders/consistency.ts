import type { OrderRow } from './intake';
import type { TaskRow } from '../db/task-rows';
import type { OrderSnapshot, Task } from '../../workflows/order/types';

// How an order's rows differ from its workflow's state. The workflow owns the order; a
// difference means a projection write was lost or refused.

export interface Difference {
  what: string;
  workflow: unknown;
  rows: unknown;
}

const taskFacts = (t: Pick<Task, 'status' | 'outcome' | 'assignee' | 'priority' | 'dueAt' | 'overdue'>) => ({
  status: t.status,
  outcome: t.outcome ?? null,
  assignee: t.assignee ?? null,
  priority: t.priority,
  dueAt: new Date(t.dueAt).toISOString(),
  overdue: t.overdue,
});

const rowFacts = (r: TaskRow) => ({
  status: r.status,
  outcome: r.outcome,
  assignee: r.assignee,
  priority: r.priority > 0 ? 'urgent' : 'normal',
  dueAt: r.dueAt.toISOString(),
  overdue: r.overdue,
});

export function differences(snapshot: OrderSnapshot, order: OrderRow, rows: TaskRow[]): Difference[] {
  const found: Difference[] = [];
  const compare = (what: string, workflow: unknown, stored: unknown) => {
    if (JSON.stringify(workflow) !== JSON.stringify(stored)) found.push({ what, workflow, rows: stored });
  };
  compare('order.status', snapshot.status, order.status);
  compare('order.version', snapshot.version, order.version);
  compare('order.urgent', snapshot.urgent, order.urgent);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const t of snapshot.tasks) {
    const row = byId.get(t.id);
    compare(`task ${t.id}`, taskFacts(t), row ? rowFacts(row) : null);
  }
  return found;
}
