import type { tasks } from '../db/schema';
import { z } from 'zod';
import { formOf, type TaskKind } from '../forms/task-forms';

type TaskRow = typeof tasks.$inferSelect;

/** The inbox line of DESIGN §8. */
export function taskSummary(t: TaskRow) {
  return {
    id: t.id,
    orderNo: t.orderNo,
    department: t.department,
    kind: t.kind,
    title: t.title,
    status: t.status,
    priority: t.priority > 0 ? 'urgent' : 'normal',
    dueAt: t.dueAt.toISOString(),
    overdue: t.overdue,
    assignee: t.assignee,
    outcomes: t.outcomes,
    /** Urgent orders: 'expedite' for procurement, 'priority' for logistics (001 §5). */
    markers: Array.isArray(t.context?.markers) ? (t.context.markers as string[]) : [],
  };
}

/** The whole task, self-describing: a client completes it from `outcomes` and `form` alone. */
export function taskDetail(t: TaskRow) {
  const forms = Object.fromEntries(
    t.outcomes.map((o) => {
      const schema = formOf(t.kind as TaskKind, o);
      return [o, schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : { type: 'object' }];
    }),
  );
  return {
    ...taskSummary(t),
    step: t.step,
    round: t.round,
    requiredRole: t.requiredRole,
    context: t.context,
    /** JSON Schema of the data the first (positive) outcome needs. */
    form: forms[t.outcomes[0]],
    /** JSON Schema of the data, per outcome. */
    forms,
    outcome: t.outcome,
    comment: t.comment,
    data: t.data,
    createdAt: t.createdAt.toISOString(),
    claimedAt: t.claimedAt?.toISOString() ?? null,
    completedAt: t.completedAt?.toISOString() ?? null,
    completedBy: t.completedBy ? { sub: t.completedBy, name: t.completedByName } : null,
  };
}
