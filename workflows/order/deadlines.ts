import {
  acts,
  current,
  isFinal,
  isOver,
  newTask,
  now,
  openTasks,
  policyOf,
  waitFor,
  workingDaysFrom,
  type OrderRun,
  type TaskSpec,
} from './state';
import type { Task } from './types';

// A missed deadline (001 §3, 003 §6.3): the task turns overdue and its department head
// gets an escalation at once; still open one working day later, management gets one.
// A missed urgent deadline goes straight to management. Nothing is ever auto-approved:
// the step keeps waiting for the department's answer. Every action is keyed by task, so
// re-entering after continue-as-new repeats none.

/** Waits until every task is done (or the order is cancelled), escalating missed deadlines. */
export async function awaitTasks(run: OrderRun, ids: string[], dueAt: Date): Promise<void> {
  const { s } = run;
  const settled = () => isOver(s) || ids.every((id) => isFinal(current(s, id)));
  const stillOpen = () => ids.map((id) => current(s, id)).filter((t): t is Task => !isFinal(t));
  const afterHead = policyOf(run).deadlines.escalateToManagementAfterWorkingDays;
  const straightToManagement = run.input.classification.urgent && policyOf(run).urgent.escalateStraightToManagement;

  if (await waitFor(run, settled, dueAt)) return;
  const late = stillOpen();
  for (const t of late.filter((x) => !x.overdue)) {
    t.overdue = true;
    await acts.markOverdue({ task: t, detectedAt: now().toISOString() });
  }
  const managementAt = straightToManagement ? dueAt : workingDaysFrom(run, dueAt, afterHead);
  if (!straightToManagement) {
    await openTasks(
      run,
      late.map((t) => escalation(run, t, 'head', managementAt)),
    );
    if (await waitFor(run, settled, managementAt)) return;
  }
  const respondBy = workingDaysFrom(run, managementAt, afterHead);
  await openTasks(
    run,
    stillOpen().map((t) => escalation(run, t, 'management', respondBy)),
  );

  await waitFor(run, settled);
}

function escalation(run: OrderRun, late: Task, level: 'head' | 'management', dueAt: Date): Task {
  const toHead = level === 'head';
  const id = `${late.id}.escalation${toHead ? '' : '.management'}`;
  const spec: TaskSpec = {
    kind: 'escalation',
    step: toHead ? `${late.step}-escalation` : `${late.step}-escalation-${late.department}`,
    round: late.round,
    department: toHead ? late.department : 'management',
    requiredRole: toHead ? 'head' : undefined,
    title: `Overdue: ${late.title} (${late.department}, due ${late.dueAt})`,
    context: { escalatedTaskId: late.id, escalatedDepartment: late.department, missedDeadline: late.dueAt, level },
  };
  return run.s.tasks[id] ?? { ...newTask(run, spec, dueAt), id };
}

/** Escalations lose their point once the late task is done. */
export function isEscalationOf(t: Task, taskId: string): boolean {
  return t.kind === 'escalation' && t.context?.escalatedTaskId === taskId;
}

/**
 * One step of the process: opens its tasks (once: a re-entered step finds them), then
 * waits for every answer under the deadline rules. Undefined means the order was cancelled.
 */
export async function runStep(run: OrderRun, specs: TaskSpec[], dueAt: () => Date): Promise<Task[] | undefined> {
  const { s } = run;
  const ids = specs.map((spec) => `${run.input.orderNo}.${spec.step}.r${spec.round}.${spec.department}`);
  const existing = ids.map((id) => s.tasks[id]).find(Boolean);
  const due = existing ? new Date(existing.dueAt) : dueAt();
  await openTasks(
    run,
    specs.map((spec, i) => s.tasks[ids[i]] ?? newTask(run, spec, due)),
  );
  await awaitTasks(run, ids, due);
  if (isOver(s)) return undefined;
  return ids.map((id) => current(s, id)!);
}

/** A single-task step; returns the completed task, or undefined when the order was cancelled. */
export async function runTask(run: OrderRun, spec: TaskSpec, dueAt: () => Date): Promise<Task | undefined> {
  return (await runStep(run, [spec], dueAt))?.[0];
}
