import { condition } from '@temporalio/workflow';
import { acts, isFinal, newTask, now, openTasks, policyOf, waitUntil, workingDaysFrom, type OrderState } from './state';
import type { Task } from './types';

// A missed deadline (001 §3, 003 §6.3): the task turns overdue and its department head
// gets an escalation at once; still open one working day later, management gets one.
// Nothing is ever auto-approved: the step keeps waiting for the department's answer.

/** Waits until every task is done (or the order is cancelled), escalating missed deadlines. */
export async function awaitTasks(state: OrderState, ids: string[], dueAt: Date): Promise<void> {
  const settled = () => state.cancel !== undefined || ids.every((id) => isFinal(state.tasks[id]));
  const stillOpen = () => ids.map((id) => state.tasks[id]).filter((t): t is Task => !isFinal(t));

  if (await waitUntil(settled, dueAt)) return;
  const late = stillOpen();
  for (const t of late) {
    t.overdue = true;
    await acts.markOverdue({ task: t, detectedAt: now().toISOString() });
  }
  const managementAt = workingDaysFrom(state, dueAt, policyOf(state).deadlines.escalateToManagementAfterWorkingDays);
  await openTasks(state, late.map((t) => escalation(state, t, 'head', managementAt)));

  if (await waitUntil(settled, managementAt)) return;
  const respondBy = workingDaysFrom(state, managementAt, policyOf(state).deadlines.escalateToManagementAfterWorkingDays);
  await openTasks(state, stillOpen().map((t) => escalation(state, t, 'management', respondBy)));

  await condition(settled);
}

function escalation(state: OrderState, late: Task, level: 'head' | 'management', dueAt: Date): Task {
  const toHead = level === 'head';
  return newTask(state, {
    kind: 'escalation',
    step: toHead ? `${late.step}-escalation` : `${late.step}-escalation-${late.department}`,
    department: toHead ? late.department : 'management',
    requiredRole: toHead ? 'head' : undefined,
    title: `Overdue: ${late.title} (${late.department}, due ${late.dueAt})`,
    dueAt,
    context: { escalatedTaskId: late.id, escalatedDepartment: late.department, missedDeadline: late.dueAt, level },
  });
}

/** Escalations lose their point once the late task is done. */
export function isEscalationOf(t: Task, taskId: string): boolean {
  return t.kind === 'escalation' && t.context?.escalatedTaskId === taskId;
}
