import { now, policyOf, workingDaysFrom } from './clock';
import { acts } from './projection';
import { isOver, type OrderRun } from './run';
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

/** The data a completed task was answered with, if it was answered with `outcome`. */
export function answerOf<K extends TaskKind, O extends Outcome<K>>(t: Task<K> | undefined, outcome: O): FormData<K, O> | undefined {
  return t?.status === 'COMPLETED' && t.outcome === outcome ? (t.data as FormData<K, O>) : undefined;
}

export function newTask<K extends TaskKind>(run: OrderRun, spec: TaskSpec<K>, dueAt: Date): Task<K> {
  const { orderNo, classification } = run.input;
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
    priority: classification.urgent ? 'urgent' : 'normal',
    dueAt: dueAt.toISOString(),
    overdue: false,
    requiredRole: spec.requiredRole,
    outcomes: outcomesOf(spec.kind),
    context: markers ? { ...spec.context, markers } : spec.context,
    createdAt: now().toISOString(),
  };
}

/** 001 §5: on an urgent order procurement expedites and logistics gives priority. */
function urgentMarkers(run: OrderRun, department: string): string[] | undefined {
  if (!run.input.classification.urgent) return undefined;
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
