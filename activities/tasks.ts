import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { deadlineBreaches, tasks } from '../src/db/schema';
import { taskRow } from '../src/db/task-rows';
import type { BoardTask as Task } from '../workflows/tasks/types';

// Department inboxes. Each write is keyed by the task's stable id, so an activity retry
// never makes a second row or undoes a later state.

const finalStatuses = ['COMPLETED', 'CANCELLED'];

export async function openTasks(db: Db, list: Task[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(tasks).values(list.map(taskRow)).onConflictDoNothing({ target: tasks.id });
}

async function recordClaim(db: Db, t: Pick<Task, 'id' | 'assignee' | 'claimedAt'>): Promise<void> {
  await db
    .update(tasks)
    .set({ status: 'CLAIMED', assignee: t.assignee ?? null, claimedAt: t.claimedAt ? new Date(t.claimedAt) : null })
    .where(and(eq(tasks.id, t.id), notInArray(tasks.status, finalStatuses)));
}

/** A task released to the inbox (OPEN) or given to someone (CLAIMED) by its claimer or head. */
async function recordAssignment(
  db: Db,
  a: {
    id: string;
    status: 'OPEN' | 'CLAIMED';
    assignee: string | null;
    claimedAt: string | null;
    by: { sub: string; name: string };
  },
): Promise<void> {
  await db
    .update(tasks)
    .set({ status: a.status, assignee: a.assignee, claimedAt: a.claimedAt ? new Date(a.claimedAt) : null })
    .where(and(eq(tasks.id, a.id), notInArray(tasks.status, finalStatuses)));
}

async function recordCompletion(db: Db, t: Task): Promise<void> {
  await db
    .update(tasks)
    .set({
      status: 'COMPLETED',
      outcome: t.outcome ?? null,
      comment: t.comment ?? null,
      data: t.data ?? null,
      assignee: t.assignee ?? t.completedBy?.sub ?? null,
      completedAt: t.completedAt ? new Date(t.completedAt) : null,
      completedBy: t.completedBy?.sub ?? null,
      completedByName: t.completedBy?.name ?? null,
    })
    .where(eq(tasks.id, t.id));
}

async function cancelTasks(db: Db, input: { ids: string[]; reason: string }): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .update(tasks)
    .set({ status: 'CANCELLED', comment: input.reason })
    .where(and(inArray(tasks.id, input.ids), notInArray(tasks.status, finalStatuses)));
}

/** Marks a task overdue and records the breach for the deadline-compliance KPI. */
async function markOverdue(db: Db, input: { task: Task; detectedAt: string }): Promise<void> {
  const { task } = input;
  await db.update(tasks).set({ overdue: true }).where(eq(tasks.id, task.id));
  await db
    .insert(deadlineBreaches)
    .values({
      taskId: task.id,
      orderNo: task.orderNo,
      department: task.department,
      kind: task.kind,
      dueAt: new Date(task.dueAt),
      detectedAt: new Date(input.detectedAt),
    })
    .onConflictDoNothing({ target: deadlineBreaches.taskId });
}

export const createTaskActivities = (db: Db) => ({
  openTasks: (input: Parameters<typeof openTasks>[1]) => openTasks(db, input),
  recordClaim: (input: Parameters<typeof recordClaim>[1]) => recordClaim(db, input),
  recordAssignment: (input: Parameters<typeof recordAssignment>[1]) => recordAssignment(db, input),
  recordCompletion: (input: Parameters<typeof recordCompletion>[1]) => recordCompletion(db, input),
  cancelTasks: (input: Parameters<typeof cancelTasks>[1]) => cancelTasks(db, input),
  markOverdue: (input: Parameters<typeof markOverdue>[1]) => markOverdue(db, input),
});
