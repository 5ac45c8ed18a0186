import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { checkCompletion } from './forms';
import { isEscalationOf } from './deadlines';
import { cancelOrder, claimTask, completeTask, orderView, Rejection, type CancelOrderRequest } from './messages';
import { acts, actorRef, cancelOpenTasks, isFinal, now, view, type OrderState } from './state';
import type { Actor, Task } from './types';

// Validators reject stale, duplicate and foreign requests before anything reaches the
// history; handlers flip the state synchronously first, so of two racing completions the
// second is judged against the first one's result.

const reject = (type: string, message: string, details?: unknown): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
};

function taskFor(state: OrderState, taskId: string): Task {
  const t = state.tasks[taskId];
  if (!t) reject(Rejection.TaskNotFound, `task ${taskId} does not exist`);
  return t;
}

function mayAct(actor: Actor, t: Task): boolean {
  if (!actor.departments.includes(t.department)) return false;
  if (!actor.roles.includes('staff') && !actor.roles.includes('head')) return false;
  return t.requiredRole === undefined || actor.roles.includes(t.requiredRole);
}

function checkActionable(state: OrderState, taskId: string, actor: Actor): Task {
  const t = taskFor(state, taskId);
  if (!mayAct(actor, t)) {
    reject(Rejection.NotYourTask, t.requiredRole
      ? `task ${t.id} is for the ${t.requiredRole} of ${t.department}`
      : `task ${t.id} belongs to ${t.department}`);
  }
  if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
  if (t.status === 'CLAIMED' && t.assignee !== actor.sub) reject(Rejection.TaskNotOpen, `task ${t.id} is claimed by ${t.assignee}`);
  return t;
}

export function registerHandlers(state: OrderState): void {
  setHandler(orderView, () => view(state));

  setHandler(claimTask, async ({ taskId, actor }) => {
    const t = state.tasks[taskId];
    t.status = 'CLAIMED';
    t.assignee = actor.sub;
    t.claimedAt = now().toISOString();
    await acts.recordClaim(t);
    return { ...t };
  }, {
    validator: ({ taskId, actor }) => {
      const t = checkActionable(state, taskId, actor);
      if (t.status === 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is already claimed by you`);
    },
  });

  setHandler(completeTask, async ({ taskId, outcome, comment, data, actor }) => {
    const t = state.tasks[taskId];
    const check = checkCompletion(t.kind, outcome, data);
    t.status = 'COMPLETED';
    t.outcome = outcome;
    t.comment = comment;
    t.data = check.ok ? check.data : undefined;
    t.assignee = t.assignee ?? actor.sub;
    t.completedAt = now().toISOString();
    t.completedBy = actorRef(actor);
    await acts.recordCompletion(t);
    await cancelOpenTasks(state, `${t.id} was completed`, (other) => isEscalationOf(other, t.id));
    return { ...t };
  }, {
    validator: ({ taskId, outcome, data, actor }) => {
      const t = checkActionable(state, taskId, actor);
      const check = checkCompletion(t.kind, outcome, data);
      if (!check.ok) reject(Rejection.InvalidCompletion, check.message, check.issues);
    },
  });

  setHandler(cancelOrder, async ({ reason, actor }: CancelOrderRequest) => {
    state.cancel = { by: actorRef(actor), reason, at: now().toISOString() };
    await condition(() => state.finished);
    return view(state);
  }, {
    validator: (_request: CancelOrderRequest) => {
      if (state.cancel || state.finished || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(state.status)) {
        reject(Rejection.OrderNotActive, `order ${state.input.orderNo} is ${state.status} and can no longer be cancelled`);
      }
    },
  });
}
