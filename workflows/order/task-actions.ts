import { setHandler } from '@temporalio/workflow';
import { allows } from '../access';
import { now } from './clock';
import { reject, requireAccess, storable } from './guards';
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
import { acts } from './projection';
import { checkNewDeliveryDate } from './overdue-delivery';
import { checkMeetingNotice } from './review';
import { actorRef, type OrderRun } from './run';
import { cancelOpenTasks, isEscalationOf, isFinal } from './task-engine';
import { checkForm } from './task-forms';
import type { Actor, Task } from './types';

// What people do with their department's tasks: claim, release, assign, complete. The
// validators reject stale, duplicate and foreign requests before anything reaches the
// history; the handlers flip the state synchronously first, so of two racing completions
// the second is judged against the first one's result.

export function registerTaskActions(run: OrderRun): void {
  setHandler(claimTask, (request) => claim(run, request), { validator: storable((request: ClaimTaskRequest) => checkClaim(run, request)) });
  setHandler(unclaimTask, (request) => unclaim(run, request), {
    validator: storable((request: UnclaimTaskRequest) => checkUnclaim(run, request)),
  });
  setHandler(assignTask, (request) => assign(run, request), {
    validator: storable((request: AssignTaskRequest) => checkAssign(run, request)),
  });
  setHandler(completeTask, (request) => complete(run, request), {
    validator: storable((request: CompleteTaskRequest) => checkCompletion(run, request)),
  });
}

function mayAct(actor: Actor, t: Task): boolean {
  if (!allows(actor, 'workOnTask', { department: t.department })) return false;
  return t.requiredRole === undefined || actor.roles.includes(t.requiredRole);
}

/** The open task itself; who may act on it is the caller's rule. */
function checkOpenTask(run: OrderRun, taskId: string): Task {
  const t = run.s.tasks[taskId];
  if (!t) return reject(Rejection.TaskNotFound, `task ${taskId} does not exist`);
  if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
  return t;
}

/** The open task, if this actor may answer it: its department, the role it needs, and not claimed by another. */
function checkActionable(run: OrderRun, taskId: string, actor: Actor): Task {
  const t = run.s.tasks[taskId];
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

async function claim(run: OrderRun, { taskId, actor }: ClaimTaskRequest): Promise<Task> {
  const t = run.s.tasks[taskId];
  t.status = 'CLAIMED';
  t.assignee = actor.sub;
  t.claimedAt = now().toISOString();
  await acts.recordClaim(t);
  return { ...t };
}

function checkClaim(run: OrderRun, { taskId, actor }: ClaimTaskRequest): void {
  const t = checkActionable(run, taskId, actor);
  if (t.status === 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is already claimed by you`);
}

async function unclaim(run: OrderRun, { taskId, actor }: UnclaimTaskRequest): Promise<Task> {
  const t = run.s.tasks[taskId];
  t.status = 'OPEN';
  t.assignee = undefined;
  t.claimedAt = undefined;
  await acts.recordAssignment({ id: t.id, status: t.status, assignee: null, claimedAt: null, by: actorRef(actor) });
  return { ...t };
}

function checkUnclaim(run: OrderRun, { taskId, actor }: UnclaimTaskRequest): void {
  const t = checkOpenTask(run, taskId);
  if (t.status !== 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is ${t.status.toLowerCase()}, not claimed`);
  if (!allows(actor, 'unclaimTask', { department: t.department, claimedBy: t.assignee })) {
    reject(
      Rejection.NotYourTask,
      `task ${t.id} is claimed by ${t.assignee ?? 'nobody'}; only they or the ${t.department} head can release it`,
    );
  }
}

async function assign(run: OrderRun, { taskId, assignee, actor }: AssignTaskRequest): Promise<Task> {
  const t = run.s.tasks[taskId];
  t.status = 'CLAIMED';
  t.assignee = assignee.sub;
  t.claimedAt = now().toISOString();
  await acts.recordAssignment({ id: t.id, status: t.status, assignee: t.assignee, claimedAt: t.claimedAt, by: actorRef(actor) });
  return { ...t };
}

function checkAssign(run: OrderRun, { taskId, actor }: AssignTaskRequest): void {
  const t = checkOpenTask(run, taskId);
  requireAccess(actor, 'assignTask', `the ${t.department} head assigns its tasks`, { department: t.department });
}

async function complete(run: OrderRun, { taskId, outcome, comment, data, actor }: CompleteTaskRequest): Promise<Task> {
  const t = run.s.tasks[taskId];
  t.status = 'COMPLETED';
  t.outcome = outcome;
  t.comment = comment;
  t.data = (data ?? {}) as Record<string, unknown>;
  t.assignee = t.assignee ?? actor.sub;
  t.completedAt = now().toISOString();
  t.completedBy = actorRef(actor);
  await acts.recordCompletion(t);
  await cancelOpenTasks(run, `${t.id} was completed`, (other) => isEscalationOf(other, t.id));
  return { ...t };
}

function checkCompletion(run: OrderRun, { taskId, outcome, data, actor }: CompleteTaskRequest): void {
  const t = checkActionable(run, taskId, actor);
  const check = checkForm(t.kind, outcome, data);
  if (!check.ok) return reject(Rejection.InvalidCompletion, check.message, check.issues);
  // Rules a form cannot express because they depend on the order or the calendar.
  const fields = data as Record<string, unknown>;
  if (t.kind === 'review_meeting' && outcome === 'scheduled') checkMeetingNotice(run, String(fields.meetingDate));
  if (t.kind === 'overdue_explanation' && outcome === 'explained') checkNewDeliveryDate(run, String(fields.newDeliveryDate));
}
