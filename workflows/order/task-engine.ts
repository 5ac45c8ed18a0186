import { patched } from '@temporalio/workflow';
import * as engine from '../tasks/engine';
import type { TaskHost } from '../tasks/host';
import type { BoardTask, TaskBoardState as Board, TaskRef, TaskSpec } from '../tasks/types';
import { policyOf } from './clock';
import { orderWorkflowId } from './messages';
import { stepActivities } from './projection';
import { isOver, isUrgent, type OrderRun } from './run';
import type { TaskKind } from './task-kinds';
import type { Task } from './types';
import { waitFor } from './waits';

// The order's side of the shared task engine (workflows/tasks): the order is the host of
// its tasks, keyed by its number, escalating on the urgent lane's rules. The functions
// below keep the order modules' call sites as they were.

export type { TaskRef, TaskSpec };

/** The order's board: its tasks are all about the order. */
export interface TaskBoardState extends Board {
  tasks: Record<string, Task>;
}

export const initialTaskBoard = (): TaskBoardState => ({ tasks: {}, replacedBy: {} });

export { answerOf, isEscalationOf, isFinal, ofKind, ref, taskId } from '../tasks/engine';

const hosts = new WeakMap<OrderRun, TaskHost>();

/** The order as the host of its tasks. */
export function orderHost(run: OrderRun): TaskHost {
  let host = hosts.get(run);
  if (!host) {
    const { orderNo } = run.input;
    host = {
      key: orderNo,
      stamp: { orderNo, workflowId: orderWorkflowId(orderNo) },
      policy: policyOf(run),
      board: run.s,
      acts: stepActivities(run),
      urgent: () => isUrgent(run),
      isOver: () => isOver(run.s),
      markers: (department) => urgentMarkers(run, department),
      waitFor: (pred, until) => waitFor(run, pred, until),
      perTaskDeadlines: () => patched('per-task-deadlines'),
    };
    hosts.set(run, host);
  }
  return host;
}

/** The task now standing for `id`: itself, or the task a change reissued in its place. */
export const current = (s: TaskBoardState, id: string): Task | undefined => engine.current(s, id) as Task | undefined;

/** The task a reference names, as the order first opened it. */
export const findTask = <K extends TaskKind>(run: OrderRun, r: TaskRef<K>): Task<K> | undefined =>
  engine.findTask(orderHost(run), r) as Task<K> | undefined;

export const newTask = <K extends TaskKind>(run: OrderRun, spec: TaskSpec<K>, dueAt: Date): Task<K> =>
  engine.newTask(orderHost(run), spec, dueAt) as Task<K>;

/** 001 §5: on an urgent order procurement expedites and logistics gives priority. */
export function urgentMarkers(run: OrderRun, department: string): string[] | undefined {
  if (!isUrgent(run)) return undefined;
  return department === 'procurement' ? ['expedite'] : department === 'logistics' ? ['priority'] : undefined;
}

export const openTasks = (run: OrderRun, list: Task[]): Promise<string[]> => engine.openTasks(orderHost(run), list);

export const cancelOpenTasks = (run: OrderRun, reason: string, filter?: (t: Task) => boolean): Promise<void> =>
  engine.cancelOpenTasks(orderHost(run), reason, filter as ((t: BoardTask) => boolean) | undefined);

export const awaitTasks = (run: OrderRun, ids: string[], dueAt: Date): Promise<void> => engine.awaitTasks(orderHost(run), ids, dueAt);

/** One step of the process; undefined means the order was cancelled. */
export const runStep = <K extends TaskKind>(run: OrderRun, specs: TaskSpec<K>[], dueAt: () => Date): Promise<Task<K>[] | undefined> =>
  engine.runStep(orderHost(run), specs, dueAt) as Promise<Task<K>[] | undefined>;

/** A single-task step; returns the completed task, or undefined when the order was cancelled. */
export const runTask = <K extends TaskKind>(run: OrderRun, spec: TaskSpec<K>, dueAt: () => Date): Promise<Task<K> | undefined> =>
  engine.runTask(orderHost(run), spec, dueAt) as Promise<Task<K> | undefined>;
