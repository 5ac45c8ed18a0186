import { patched } from '@temporalio/workflow';
import { now, policyOf, workingDaysFrom } from './clock';
import { acts } from './projection';
import { isOver, isUrgent, type OrderRun } from './run';
import { outcomesOf } from './task-forms';
import type { FormData, Outcome, TaskKind } from './task-kinds';
import type { Role, Task } from './types';
import { waitFor } from './waits';

// The step engine: a step opens its tasks in the departments' inboxes once (a re-entered
// step finds them), then waits for every answer under the deadline rules of 001 §3 and
// 003 §6.3. A missed deadline turns the task overdue and escalates to the department head
// at once, and to management one working day later; a missed urgent deadline goes straight
// to management. Nothing is ever auto-approved. Every action is keyed by task, so
// re-entering after continue-as-new repeats none.

export interface TaskBoardState {
  tasks: Record<string, Task>;
  /** Tasks a change made stale, and the task reissued in each one's place. */
  replacedBy: Record<string, string>;
  /** Counts changes to open tasks' deadlines (reissue, urgency), so that waiting steps look again. */
  deadlineEpoch?: number;
}

export const initialTaskBoard = (): TaskBoardState => ({ tasks: {}, replacedBy: {} });

/** What identifies a task within its order: the step and round, and the department that answers. */
export interface TaskRef<K extends TaskKind = TaskKind> {
  kind: K;
  step: string;
  round: number;
  department: string;
  /** Set when only a role within the department may act, e.g. 'head' for an approval. */
  requiredRole?: Role;
}

export interface TaskSpec<K extends TaskKind = TaskKind> extends TaskRef<K> {
  title: string;
  context?: Record<string, unknown>;
}

/** A step's reference; the step is named after its kind unless it says otherwise (milestone-2, change-1-review). */
export function ref<K extends TaskKind>(
  kind: K,
  round: number,
  department: string,
  opts: { step?: string; requiredRole?: Role } = {},
): TaskRef<K> {
  return {
    kind,
    step: opts.step ?? kind.replaceAll('_', '-'),
    round,
    department,
    ...(opts.requiredRole ? { requiredRole: opts.requiredRole } : {}),
  };
}

/** A task's stable id: `<orderNo>.<step>.r<round>.<department>`. */
export const taskId = (orderNo: string, r: Pick<TaskRef, 'step' | 'round' | 'department'>): string =>
  `${orderNo}.${r.step}.r${r.round}.${r.department}`;

export const isFinal = (t: Task | undefined): boolean => !t || t.status === 'COMPLETED' || t.status === 'CANCELLED';

/** The task now standing for `id`: itself, or the task a change reissued in its place. */
export function current(s: TaskBoardState, id: string): Task | undefined {
  let at = id;
  for (let guard = 0; s.replacedBy[at] && guard < 100; guard++) at = s.replacedBy[at];
  return s.tasks[at];
}

/** The task a reference names, as the order first opened it. */
export function findTask<K extends TaskKind>(run: OrderRun, r: TaskRef<K>): Task<K> | undefined {
  return run.s.tasks[taskId(run.input.orderNo, r)] as Task<K> | undefined;
}

/** The first task of `kind` in a list of tasks of several kinds. */
export const ofKind = <K extends TaskKind>(list: Task[], kind: K): Task<K> | undefined => list.find((t): t is Task<K> => t.kind === kind);

/** The data a completed task was answered with, if it was answered with `outcome`. */
export function answerOf<K extends TaskKind, O extends Outcome<K>>(t: Task<K> | undefined, outcome: O): FormData<K, O> | undefined {
  return t?.status === 'COMPLETED' && t.outcome === outcome ? (t.data as FormData<K, O>) : undefined;
}

export function newTask<K extends TaskKind>(run: OrderRun, spec: TaskSpec<K>, dueAt: Date): Task<K> {
  const { orderNo } = run.input;
  const markers = urgentMarkers(run, spec.department);
  return {
    id: taskId(orderNo, spec),
    orderNo,
    department: spec.department,
    kind: spec.kind,
    step: spec.step,
    round: spec.round,
    title: spec.title,
    status: 'OPEN',
    priority: isUrgent(run) ? 'urgent' : 'normal',
    dueAt: dueAt.toISOString(),
    overdue: false,
    requiredRole: spec.requiredRole,
    outcomes: outcomesOf(spec.kind),
    context: markers ? { ...spec.context, markers } : spec.context,
    createdAt: now().toISOString(),
  };
}

/** 001 §5: on an urgent order procurement expedites and logistics gives priority. */
export function urgentMarkers(run: OrderRun, department: string): string[] | undefined {
  if (!isUrgent(run)) return undefined;
  return department === 'procurement' ? ['expedite'] : department === 'logistics' ? ['priority'] : undefined;
}

/** Puts tasks into their departments' inboxes; the workflow knows them before the rows exist. */
export async function openTasks(run: OrderRun, list: Task[]): Promise<string[]> {
  const fresh = list.filter((t) => !run.s.tasks[t.id]);
  for (const t of fresh) run.s.tasks[t.id] = t;
  if (fresh.length) await acts.openTasks(fresh);
  return list.map((t) => t.id);
}

export async function cancelOpenTasks(run: OrderRun, reason: string, filter: (t: Task) => boolean = () => true): Promise<void> {
  const open = Object.values(run.s.tasks).filter((t) => !isFinal(t) && filter(t));
  if (open.length === 0) return;
  for (const t of open) t.status = 'CANCELLED';
  await acts.cancelTasks({ ids: open.map((t) => t.id), reason });
}

/** Waits until every task is done (or the order is cancelled), escalating missed deadlines. */
export async function awaitTasks(run: OrderRun, ids: string[], dueAt: Date): Promise<void> {
  // Each task is held to its own deadline, so a task a change reissued with a later one is
  // enforced at the deadline it shows. Orders that started waiting before keep the step's.
  if (patched('per-task-deadlines')) return awaitEachDeadline(run, ids);
  return awaitStepDeadline(run, ids, dueAt);
}

const openOf = (run: OrderRun, ids: string[]): Task[] => ids.map((id) => current(run.s, id)).filter((t): t is Task => !isFinal(t));
const settledOf = (run: OrderRun, ids: string[]) => () => isOver(run.s) || ids.every((id) => isFinal(current(run.s, id)));

/** When management hears of a late task: at once on the urgent lane, else a working day after the head. */
function escalationTimes(run: OrderRun, t: Task): { straight: boolean; managementAt: Date; respondBy: Date } {
  const afterHead = policyOf(run).deadlines.escalateToManagementAfterWorkingDays;
  const straight = isUrgent(run) && policyOf(run).urgent.escalateStraightToManagement;
  const due = new Date(t.dueAt);
  const managementAt = straight ? due : workingDaysFrom(run, due, afterHead);
  return { straight, managementAt, respondBy: workingDaysFrom(run, managementAt, afterHead) };
}

const escalatedTo = (run: OrderRun, t: Task, level: 'head' | 'management') =>
  run.s.tasks[`${t.id}.escalation${level === 'head' ? '' : '.management'}`] !== undefined;

/** The next moment one of the open tasks needs an escalation step, if any. */
function nextEscalationAt(run: OrderRun, open: Task[]): Date | undefined {
  const times = open.flatMap((t) => {
    if (!t.overdue) return [Date.parse(t.dueAt)];
    const { managementAt } = escalationTimes(run, t);
    return escalatedTo(run, t, 'management') ? [] : [managementAt.getTime()];
  });
  return times.length ? new Date(Math.min(...times)) : undefined;
}

async function awaitEachDeadline(run: OrderRun, ids: string[]): Promise<void> {
  const settled = settledOf(run, ids);
  for (;;) {
    const epoch = run.s.deadlineEpoch ?? 0;
    const moved = await waitFor(run, () => settled() || (run.s.deadlineEpoch ?? 0) !== epoch, nextEscalationAt(run, openOf(run, ids)));
    if (settled()) return;
    if (!moved) await escalateDue(run, openOf(run, ids));
  }
}

/** Takes every escalation step whose time has come: overdue, to the head, to management. */
async function escalateDue(run: OrderRun, open: Task[]): Promise<void> {
  const at = now().getTime();
  const late = open.filter((t) => !t.overdue && Date.parse(t.dueAt) <= at);
  for (const t of late) {
    t.overdue = true;
    await acts.markOverdue({ task: t, detectedAt: now().toISOString() });
  }
  const toHead = late.filter((t) => !escalationTimes(run, t).straight);
  if (toHead.length)
    await openTasks(
      run,
      toHead.map((t) => escalation(run, t, 'head', escalationTimes(run, t).managementAt)),
    );
  const toManagement = open.filter(
    (t) => t.overdue && !escalatedTo(run, t, 'management') && escalationTimes(run, t).managementAt.getTime() <= at,
  );
  if (toManagement.length) {
    await openTasks(
      run,
      toManagement.map((t) => escalation(run, t, 'management', escalationTimes(run, t).respondBy)),
    );
  }
}

/** The rule of orders that began waiting before per-task deadlines: one deadline for the whole step. */
async function awaitStepDeadline(run: OrderRun, ids: string[], dueAt: Date): Promise<void> {
  const settled = settledOf(run, ids);
  const afterHead = policyOf(run).deadlines.escalateToManagementAfterWorkingDays;
  const straightToManagement = isUrgent(run) && policyOf(run).urgent.escalateStraightToManagement;

  if (await waitFor(run, settled, dueAt)) return;
  const late = openOf(run, ids);
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
    openOf(run, ids).map((t) => escalation(run, t, 'management', respondBy)),
  );

  await waitFor(run, settled);
}

function escalation(run: OrderRun, late: Task, level: 'head' | 'management', dueAt: Date): Task {
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
  return run.s.tasks[id] ?? { ...newTask(run, spec, dueAt), id };
}

/** Escalations lose their point once the late task is done. */
export function isEscalationOf(t: Task, lateTaskId: string): boolean {
  return t.kind === 'escalation' && t.context?.escalatedTaskId === lateTaskId;
}

/**
 * One step of the process: opens its tasks (once: a re-entered step finds them), then
 * waits for every answer under the deadline rules. Undefined means the order was cancelled.
 */
export async function runStep<K extends TaskKind>(run: OrderRun, specs: TaskSpec<K>[], dueAt: () => Date): Promise<Task<K>[] | undefined> {
  const { s } = run;
  const ids = specs.map((spec) => taskId(run.input.orderNo, spec));
  const existing = ids.map((id) => s.tasks[id]).find(Boolean);
  const due = existing ? new Date(existing.dueAt) : dueAt();
  await openTasks(
    run,
    specs.map((spec, i) => s.tasks[ids[i]] ?? newTask(run, spec, due)),
  );
  await awaitTasks(run, ids, due);
  if (isOver(s)) return undefined;
  return ids.map((id) => current(s, id) as Task<K>);
}

/** A single-task step; returns the completed task, or undefined when the order was cancelled. */
export async function runTask<K extends TaskKind>(run: OrderRun, spec: TaskSpec<K>, dueAt: () => Date): Promise<Task<K> | undefined> {
  return (await runStep(run, [spec], dueAt))?.[0];
}
