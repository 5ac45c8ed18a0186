import { setHandler } from '@temporalio/workflow';
import { allows } from '../access';
import { checkForm } from '../order/task-forms';
import { cancelOpenTasks, isEscalationOf, isFinal } from './engine';
import { reject, requireAccess, storable } from './guards';
import type { TaskHost } from './host';
import {
  assignTask,
  claimTask,
  completeTask,
  Rejection,
  unclaimTask,
  type AssignTaskRequest,
  type ClaimTaskRequest,
  type CompleteTaskRequest,
  type UnclaimTaskRequest,
} from './messages';
import { now } from './time';
import type { Actor, BoardTask } from './types';

// What people do with their department's tasks: claim, release, assign, complete. The
// validators reject stale, duplicate and foreign requests before anything reaches the
// history; the handlers flip the state synchronously first, so of two racing completions
// the second is judged against the first one's result.

export interface TaskActionOptions {
  /** Rules a form cannot express because they depend on the workflow or the calendar; they reject. */
  checkCompletion?(t: BoardTask, outcome: string, data: Record<string, unknown>): void;
  /** Runs after a completion is recorded, before the Update answers. */
  afterCompletion?(t: BoardTask): Promise<void>;
}

export function registerTaskActions(host: TaskHost, opts: TaskActionOptions = {}): void {
  setHandler(claimTask, (request) => claim(host, request), {
    validator: storable((request: ClaimTaskRequest) => checkClaim(host, request)),
  });
  setHandler(unclaimTask, (request) => unclaim(host, request), {
    validator: storable((request: UnclaimTaskRequest) => checkUnclaim(host, request)),
  });
  setHandler(assignTask, (request) => assign(host, request), {
    validator: storable((request: AssignTaskRequest) => checkAssign(host, request)),
  });
  setHandler(completeTask, (request) => complete(host, request, opts), {
    validator: storable((request: CompleteTaskRequest) => checkCompletion(host, request, opts)),
  });
}

const actorRef = (actor: Actor) => ({ sub: actor.sub, name: actor.name });

function mayAct(actor: Actor, t: BoardTask): boolean {
  if (!allows(actor, 'workOnTask', { department: t.department })) return false;
  return t.requiredRole === undefined || actor.roles.includes(t.requiredRole);
}

/** The open task itself; who may act on it is the caller's rule. */
function checkOpenTask(host: TaskHost, taskId: string): BoardTask {
  const t = host.board.tasks[taskId];
  if (!t) return reject(Rejection.TaskNotFound, `task ${taskId} does not exist`);
  if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
  return t;
}

/** The open task, if this actor may answer it: its department, the role it needs, and not claimed by another. */
function checkActionable(host: TaskHost, taskId: string, actor: Actor): BoardTask {
  const t = host.board.tasks[taskId];
  if (!t) return reject(Rejection.TaskNotFound, `task ${taskId} does not exist`);
  if (!mayAct(actor, t)) {
    reject(
      Rejection.NotYourTask,
      t.requiredRole ? `task ${t.id} is for the ${t.requiredRole} of ${t.department}` : `task ${t.id} belongs to ${t.department}`,
    );
  }
  if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
  if (t.status === 'CLAIMED' && t.assignee !== actor.sub) reject(Rejection.TaskNotOpen, `task ${t.id} is claimed by ${t.assignee}`);
  return t;
}

async function claim(host: TaskHost, { taskId, actor }: ClaimTaskRequest): Promise<BoardTask> {
  const t = host.board.tasks[taskId];
  t.status = 'CLAIMED';
  t.assignee = actor.sub;
  t.claimedAt = now().toISOString();
  await host.acts.recordClaim(t);
  return { ...t };
}

function checkClaim(host: TaskHost, { taskId, actor }: ClaimTaskRequest): void {
  const t = checkActionable(host, taskId, actor);
  if (t.status === 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is already claimed by you`);
}

async function unclaim(host: TaskHost, { taskId, actor }: UnclaimTaskRequest): Promise<BoardTask> {
  const t = host.board.tasks[taskId];
  t.status = 'OPEN';
  t.assignee = undefined;
  t.claimedAt = undefined;
  await host.acts.recordAssignment({ id: t.id, status: t.status, assignee: null, claimedAt: null, by: actorRef(actor) });
  return { ...t };
}

function checkUnclaim(host: TaskHost, { taskId, actor }: UnclaimTaskRequest): void {
  const t = checkOpenTask(host, taskId);
  if (t.status !== 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is ${t.status.toLowerCase()}, not claimed`);
  if (!allows(actor, 'unclaimTask', { department: t.department, claimedBy: t.assignee })) {
    reject(
      Rejection.NotYourTask,
      `task ${t.id} is claimed by ${t.assignee ?? 'nobody'}; only they or the ${t.department} head can release it`,
    );
  }
}

async function assign(host: TaskHost, { taskId, assignee, actor }: AssignTaskRequest): Promise<BoardTask> {
  const t = host.board.tasks[taskId];
  t.status = 'CLAIMED';
  t.assignee = assignee.sub;
  t.claimedAt = now().toISOString();
  await host.acts.recordAssignment({ id: t.id, status: t.status, assignee: t.assignee, claimedAt: t.claimedAt, by: actorRef(actor) });
  return { ...t };
}

function checkAssign(host: TaskHost, { taskId, actor }: AssignTaskRequest): void {
  const t = checkOpenTask(host, taskId);
  requireAccess(actor, 'assignTask', `the ${t.department} head assigns its tasks`, { department: t.department });
}

async function complete(
  host: TaskHost,
  { taskId, outcome, comment, data, actor }: CompleteTaskRequest,
  opts: TaskActionOptions,
): Promise<BoardTask> {
  const t = host.board.tasks[taskId];
  t.status = 'COMPLETED';
  t.outcome = outcome;
  t.comment = comment;
  t.data = (data ?? {}) as Record<string, unknown>;
  t.assignee = t.assignee ?? actor.sub;
  t.completedAt = now().toISOString();
  t.completedBy = actorRef(actor);
  await host.acts.recordCompletion(t);
  await cancelOpenTasks(host, `${t.id} was completed`, (other) => isEscalationOf(other, t.id));
  await opts.afterCompletion?.(t);
  return { ...t };
}

function checkCompletion(host: TaskHost, { taskId, outcome, data, actor }: CompleteTaskRequest, opts: TaskActionOptions): void {
  const t = checkActionable(host, taskId, actor);
  const check = checkForm(t.kind, outcome, data);
  if (!check.ok) return reject(Rejection.InvalidCompletion, check.message, check.issues);
  opts.checkCompletion?.(t, outcome, (data ?? {}) as Record<string, unknown>);
}
