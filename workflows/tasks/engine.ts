import { outcomesOf } from '../order/task-forms';
import type { FormData, Outcome, TaskKind } from '../order/task-kinds';
import { now } from './time';
import { awaitEachDeadline, awaitStepDeadline } from './escalation';
import type { TaskHost } from './host';
import type { BoardTask, Role, TaskBoardState, TaskRef, TaskSpec } from './types';

// The step engine every workflow shares: a step opens its tasks in the departments' inboxes
// once (a re-entered step finds them), then waits for every answer under the deadline rules
// of 001 §3 and 003 §6.3 (escalation.ts). Nothing is ever auto-approved. Every action is
// keyed by task, so re-entering after continue-as-new repeats none.

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

/** A task's stable id: `<key>.<step>.r<round>.<department>`. */
export const taskId = (key: string, r: Pick<TaskRef, 'step' | 'round' | 'department'>): string =>
  `${key}.${r.step}.r${r.round}.${r.department}`;

export const isFinal = (t: BoardTask | undefined): boolean => !t || t.status === 'COMPLETED' || t.status === 'CANCELLED';

/** The task now standing for `id`: itself, or the task a change reissued in its place. */
export function current(s: TaskBoardState, id: string): BoardTask | undefined {
  let at = id;
  for (let guard = 0; s.replacedBy[at] && guard < 100; guard++) at = s.replacedBy[at];
  return s.tasks[at];
}

/** The task a reference names, as the workflow first opened it. */
export function findTask<K extends TaskKind>(host: TaskHost, r: TaskRef<K>): BoardTask<K> | undefined {
  return host.board.tasks[taskId(host.key, r)] as BoardTask<K> | undefined;
}

/** The first task of `kind` in a list of tasks of several kinds. */
export const ofKind = <K extends TaskKind, T extends BoardTask>(list: T[], kind: K): (T & BoardTask<K>) | undefined =>
  list.find((t): t is T & BoardTask<K> => t.kind === kind);

/** The data a completed task was answered with, if it was answered with `outcome`. */
export function answerOf<K extends TaskKind, O extends Outcome<K>>(t: BoardTask<K> | undefined, outcome: O): FormData<K, O> | undefined {
  return t?.status === 'COMPLETED' && t.outcome === outcome ? (t.data as FormData<K, O>) : undefined;
}

export function newTask<K extends TaskKind>(host: TaskHost, spec: TaskSpec<K>, dueAt: Date): BoardTask<K> {
  const markers = host.markers?.(spec.department);
  return {
    id: taskId(host.key, spec),
    ...host.stamp,
    department: spec.department,
    kind: spec.kind,
    step: spec.step,
    round: spec.round,
    title: spec.title,
    status: 'OPEN',
    priority: host.urgent() ? 'urgent' : 'normal',
    dueAt: dueAt.toISOString(),
    overdue: false,
    requiredRole: spec.requiredRole,
    outcomes: outcomesOf(spec.kind),
    context: markers ? { ...spec.context, markers } : spec.context,
    createdAt: now().toISOString(),
  };
}

/** Puts tasks into their departments' inboxes; the workflow knows them before the rows exist. */
export async function openTasks(host: TaskHost, list: BoardTask[]): Promise<string[]> {
  const fresh = list.filter((t) => !host.board.tasks[t.id]);
  for (const t of fresh) host.board.tasks[t.id] = t;
  if (fresh.length) await host.acts.openTasks(fresh);
  return list.map((t) => t.id);
}

export async function cancelOpenTasks(host: TaskHost, reason: string, filter: (t: BoardTask) => boolean = () => true): Promise<void> {
  const open = Object.values(host.board.tasks).filter((t) => !isFinal(t) && filter(t));
  if (open.length === 0) return;
  for (const t of open) t.status = 'CANCELLED';
  await host.acts.cancelTasks({ ids: open.map((t) => t.id), reason });
}

/** Waits until every task is done (or the workflow is over), escalating missed deadlines. */
export async function awaitTasks(host: TaskHost, ids: string[], dueAt: Date): Promise<void> {
  // Each task is held to its own deadline, so a task a change reissued with a later one is
  // enforced at the deadline it shows. Orders that started waiting before keep the step's.
  if (host.perTaskDeadlines()) return awaitEachDeadline(host, ids);
  return awaitStepDeadline(host, ids, dueAt);
}

/** Escalations lose their point once the late task is done. */
export function isEscalationOf(t: BoardTask, lateTaskId: string): boolean {
  return t.kind === 'escalation' && t.context?.escalatedTaskId === lateTaskId;
}

/**
 * One step of the process: opens its tasks (once: a re-entered step finds them), then
 * waits for every answer under the deadline rules. Undefined means the workflow is over.
 */
export async function runStep<K extends TaskKind>(
  host: TaskHost,
  specs: TaskSpec<K>[],
  dueAt: () => Date,
): Promise<BoardTask<K>[] | undefined> {
  const s = host.board;
  const ids = specs.map((spec) => taskId(host.key, spec));
  const existing = ids.map((id) => s.tasks[id]).find(Boolean);
  const due = existing ? new Date(existing.dueAt) : dueAt();
  await openTasks(
    host,
    specs.map((spec, i) => s.tasks[ids[i]] ?? newTask(host, spec, due)),
  );
  await awaitTasks(host, ids, due);
  if (host.isOver()) return undefined;
  return ids.map((id) => current(s, id) as BoardTask<K>);
}

/** A single-task step; returns the completed task, or undefined when the workflow is over. */
export async function runTask<K extends TaskKind>(host: TaskHost, spec: TaskSpec<K>, dueAt: () => Date): Promise<BoardTask<K> | undefined> {
  return (await runStep(host, [spec], dueAt))?.[0];
}
