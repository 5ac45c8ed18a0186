import { current, isFinal, newTask, openTasks, ref } from './engine';
import type { TaskHost } from './host';
import { now, workingDaysAfter } from './time';
import type { BoardTask, TaskSpec } from './types';

// A missed deadline turns the task overdue and escalates to the department head at once,
// and to management one working day later; a missed urgent deadline goes straight to
// management (001 §3, 003 §6.3).

const openOf = (host: TaskHost, ids: string[]): BoardTask[] =>
  ids.map((id) => current(host.board, id)).filter((t): t is BoardTask => !isFinal(t));
const settledOf = (host: TaskHost, ids: string[]) => () => host.isOver() || ids.every((id) => isFinal(current(host.board, id)));

/** When management hears of a late task: at once on the urgent lane, else a working day after the head. */
function escalationTimes(host: TaskHost, t: BoardTask): { straight: boolean; managementAt: Date; respondBy: Date } {
  const afterHead = host.policy.deadlines.escalateToManagementAfterWorkingDays;
  const straight = host.urgent() && host.policy.urgent.escalateStraightToManagement;
  const due = new Date(t.dueAt);
  const managementAt = straight ? due : workingDaysAfter(host.policy, due, afterHead);
  return { straight, managementAt, respondBy: workingDaysAfter(host.policy, managementAt, afterHead) };
}

const escalatedTo = (host: TaskHost, t: BoardTask, level: 'head' | 'management') =>
  host.board.tasks[`${t.id}.escalation${level === 'head' ? '' : '.management'}`] !== undefined;

/** The next moment one of the open tasks needs an escalation step, if any. */
function nextEscalationAt(host: TaskHost, open: BoardTask[]): Date | undefined {
  const times = open.flatMap((t) => {
    if (!t.overdue) return [Date.parse(t.dueAt)];
    const { managementAt } = escalationTimes(host, t);
    return escalatedTo(host, t, 'management') ? [] : [managementAt.getTime()];
  });
  return times.length ? new Date(Math.min(...times)) : undefined;
}

export async function awaitEachDeadline(host: TaskHost, ids: string[]): Promise<void> {
  const settled = settledOf(host, ids);
  for (;;) {
    const epoch = host.board.deadlineEpoch ?? 0;
    const moved = await host.waitFor(
      () => settled() || (host.board.deadlineEpoch ?? 0) !== epoch,
      nextEscalationAt(host, openOf(host, ids)),
    );
    if (settled()) return;
    if (!moved) await escalateDue(host, openOf(host, ids));
  }
}

/** Takes every escalation step whose time has come: overdue, to the head, to management. */
async function escalateDue(host: TaskHost, open: BoardTask[]): Promise<void> {
  const at = now().getTime();
  const late = open.filter((t) => !t.overdue && Date.parse(t.dueAt) <= at);
  for (const t of late) {
    t.overdue = true;
    await host.acts.markOverdue({ task: t, detectedAt: now().toISOString() });
  }
  const toHead = late.filter((t) => !escalationTimes(host, t).straight);
  if (toHead.length)
    await openTasks(
      host,
      toHead.map((t) => escalation(host, t, 'head', escalationTimes(host, t).managementAt)),
    );
  const toManagement = open.filter(
    (t) => t.overdue && !escalatedTo(host, t, 'management') && escalationTimes(host, t).managementAt.getTime() <= at,
  );
  if (toManagement.length) {
    await openTasks(
      host,
      toManagement.map((t) => escalation(host, t, 'management', escalationTimes(host, t).respondBy)),
    );
  }
}

/** The rule of orders that began waiting before per-task deadlines: one deadline for the whole step. */
export async function awaitStepDeadline(host: TaskHost, ids: string[], dueAt: Date): Promise<void> {
  const settled = settledOf(host, ids);
  const afterHead = host.policy.deadlines.escalateToManagementAfterWorkingDays;
  const straightToManagement = host.urgent() && host.policy.urgent.escalateStraightToManagement;

  if (await host.waitFor(settled, dueAt)) return;
  const late = openOf(host, ids);
  for (const t of late.filter((x) => !x.overdue)) {
    t.overdue = true;
    await host.acts.markOverdue({ task: t, detectedAt: now().toISOString() });
  }
  const managementAt = straightToManagement ? dueAt : workingDaysAfter(host.policy, dueAt, afterHead);
  if (!straightToManagement) {
    await openTasks(
      host,
      late.map((t) => escalation(host, t, 'head', managementAt)),
    );
    if (await host.waitFor(settled, managementAt)) return;
  }
  const respondBy = workingDaysAfter(host.policy, managementAt, afterHead);
  await openTasks(
    host,
    openOf(host, ids).map((t) => escalation(host, t, 'management', respondBy)),
  );

  await host.waitFor(settled);
}

function escalation(host: TaskHost, late: BoardTask, level: 'head' | 'management', dueAt: Date): BoardTask {
  const toHead = level === 'head';
  const id = `${late.id}.escalation${toHead ? '' : '.management'}`;
  const spec: TaskSpec<'escalation'> = {
    ...ref('escalation', late.round, toHead ? late.department : 'management', {
      step: toHead ? `${late.step}-escalation` : `${late.step}-escalation-${late.department}`,
      requiredRole: toHead ? 'head' : undefined,
    }),
    title: `Overdue: ${late.title} (${late.department}, due ${late.dueAt})`,
    context: { escalatedTaskId: late.id, escalatedDepartment: late.department, missedDeadline: late.dueAt, level },
  };
  return host.board.tasks[id] ?? { ...newTask(host, spec, dueAt), id };
}
