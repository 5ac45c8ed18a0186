import type { BoardTask } from '../../workflows/tasks/types';
import type { tasks } from './schema';

export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

/** The inbox row of a task exactly as the workflow holds it. */
export function taskRow(t: BoardTask): NewTaskRow {
  return {
    id: t.id,
    orderNo: t.orderNo ?? null,
    workflowId: t.workflowId ?? null,
    subject: t.subject ?? null,
    department: t.department,
    kind: t.kind,
    step: t.step,
    round: t.round,
    title: t.title,
    status: t.status,
    priority: t.priority === 'urgent' ? 1 : 0,
    dueAt: new Date(t.dueAt),
    overdue: t.overdue,
    requiredRole: t.requiredRole ?? null,
    outcomes: t.outcomes,
    context: t.context ?? null,
    assignee: t.assignee ?? null,
    outcome: t.outcome ?? null,
    comment: t.comment ?? null,
    data: t.data ?? null,
    createdAt: new Date(t.createdAt),
    claimedAt: t.claimedAt ? new Date(t.claimedAt) : null,
    completedAt: t.completedAt ? new Date(t.completedAt) : null,
    completedBy: t.completedBy?.sub ?? null,
    completedByName: t.completedBy?.name ?? null,
  };
}
