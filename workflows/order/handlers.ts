import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { checkForm } from './task-forms';
import { isEscalationOf } from './deadlines';
import {
  cancelOrder,
  assignTask,
  claimTask,
  completeTask,
  unclaimTask,
  orderView,
  recordTracking,
  Rejection,
  reportException,
  requestProgressReport,
  requestChange,
  resolveException,
  type CancelOrderRequest,
  type ChangeRequestInput,
  type ExceptionReport,
  type TrackingUpdate,
} from './messages';
import { changedFields, changeOpen, newChangeRequest } from './change';
import { notifyCustomer, notifyDepartments } from './notify';
import { earliestMeetingDate } from './review';
import { reassessRisk } from './risk-check';
import { acts, actorRef, cancelOpenTasks, isFinal, isOver, now, view, type OrderRun } from './state';
import { publishReport } from './tracking';
import type { Actor, Task } from './types';

// Validators reject stale, duplicate and foreign requests before anything reaches the
// history; handlers flip the state synchronously first, so of two racing completions the
// second is judged against the first one's result.

const reject = (type: string, message: string, details?: unknown): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
};

const works = (actor: Actor) => actor.roles.includes('staff') || actor.roles.includes('head');

function mayAct(actor: Actor, t: Task): boolean {
  if (!actor.departments.includes(t.department) || !works(actor)) return false;
  return t.requiredRole === undefined || actor.roles.includes(t.requiredRole);
}

/** The task, if the actor works in its department; a head may act for the department. */
function checkTaskOf(run: OrderRun, taskId: string, actor: Actor): Task {
  const t = run.s.tasks[taskId];
  if (!t) return reject(Rejection.TaskNotFound, `task ${taskId} does not exist`);
  if (!actor.departments.includes(t.department) || !works(actor)) reject(Rejection.NotYourTask, `task ${t.id} belongs to ${t.department}`);
  if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
  return t;
}

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

/** Rules a form cannot express because they depend on the order or the calendar. */
function checkBusinessRules(run: OrderRun, t: Task, outcome: string, data: Record<string, unknown>): void {
  if (t.kind === 'review_meeting' && outcome === 'scheduled') {
    const earliest = earliestMeetingDate(run, now());
    if (String(data.meetingDate) < earliest) {
      reject(
        Rejection.InvalidCompletion,
        `meetingDate ${String(data.meetingDate)} gives less than the ${run.input.policy.policy.deadlines.complexMeetingNoticeWorkingDays} working days' notice; the earliest allowed date is ${earliest}`,
        [{ path: 'data.meetingDate', message: `earliest allowed date is ${earliest}` }],
      );
    }
  }
}

function checkActive(run: OrderRun, what: string): void {
  if (isOver(run.s) || ['CLOSED', 'CANCELLED'].includes(run.s.status)) {
    reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${run.s.status}; ${what} is no longer possible`);
  }
}

export function registerHandlers(run: OrderRun): void {
  const { s } = run;
  setHandler(orderView, () => view(run));

  setHandler(
    claimTask,
    async ({ taskId, actor }) => {
      const t = s.tasks[taskId];
      t.status = 'CLAIMED';
      t.assignee = actor.sub;
      t.claimedAt = now().toISOString();
      await acts.recordClaim(t);
      return { ...t };
    },
    {
      validator: ({ taskId, actor }) => {
        const t = checkActionable(run, taskId, actor);
        if (t.status === 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is already claimed by you`);
      },
    },
  );

  setHandler(
    unclaimTask,
    async ({ taskId, actor }) => {
      const t = s.tasks[taskId];
      t.status = 'OPEN';
      t.assignee = undefined;
      t.claimedAt = undefined;
      await acts.recordAssignment({ id: t.id, status: t.status, assignee: null, claimedAt: null, by: actorRef(actor) });
      return { ...t };
    },
    {
      validator: ({ taskId, actor }) => {
        const t = checkTaskOf(run, taskId, actor);
        if (t.status !== 'CLAIMED') reject(Rejection.TaskNotOpen, `task ${t.id} is ${t.status.toLowerCase()}, not claimed`);
        if (t.assignee !== actor.sub && !actor.roles.includes('head')) {
          reject(Rejection.NotYourTask, `task ${t.id} is claimed by ${t.assignee}; only they or the ${t.department} head can release it`);
        }
      },
    },
  );

  setHandler(
    assignTask,
    async ({ taskId, assignee, actor }) => {
      const t = s.tasks[taskId];
      t.status = 'CLAIMED';
      t.assignee = assignee.sub;
      t.claimedAt = now().toISOString();
      await acts.recordAssignment({ id: t.id, status: t.status, assignee: t.assignee, claimedAt: t.claimedAt, by: actorRef(actor) });
      return { ...t };
    },
    {
      validator: ({ taskId, actor }) => {
        const t = checkTaskOf(run, taskId, actor);
        if (!actor.roles.includes('head')) reject(Rejection.NotYourTask, `only the ${t.department} head assigns its tasks`);
        if (isFinal(t)) reject(Rejection.TaskNotOpen, `task ${t.id} is already ${t.status.toLowerCase()}`);
      },
    },
  );

  setHandler(
    completeTask,
    async ({ taskId, outcome, comment, data, actor }) => {
      const t = s.tasks[taskId];
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
    },
    {
      validator: ({ taskId, outcome, data, actor }) => {
        const t = checkActionable(run, taskId, actor);
        const check = checkForm(t.kind, outcome, data);
        if (!check.ok) return reject(Rejection.InvalidCompletion, check.message, check.issues);
        checkBusinessRules(run, t, outcome, (data ?? {}) as Record<string, unknown>);
      },
    },
  );

  setHandler(
    cancelOrder,
    async ({ reason, actor }: CancelOrderRequest) => {
      s.cancel = { by: actorRef(actor), reason, at: now().toISOString() };
      await condition(() => s.finished);
      return view(run);
    },
    {
      validator: (_request: CancelOrderRequest) => {
        if (s.cancel || s.finished || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(s.status)) {
          reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${s.status} and can no longer be cancelled`);
        }
      },
    },
  );

  setHandler(requestProgressReport, async (_request: { actor: Actor }) => publishReport(run, 'on_request'), {
    validator: (_request: { actor: Actor }) => checkActive(run, 'a progress report'),
  });

  /** 000 §4.4.2: an exception notifies sales at once, shows in the next report and re-rates the risk. */
  setHandler(
    reportException,
    async ({ type, description, department, actor }: ExceptionReport) => {
      const exception = {
        id: `${run.input.orderNo}.exception.${s.exceptions.length + 1}`,
        orderNo: run.input.orderNo,
        type,
        description,
        department,
        reportedBy: actorRef(actor),
        reportedAt: now().toISOString(),
      };
      s.exceptions.push(exception);
      await acts.recordException(exception);
      await acts.recordRiskEvent({
        id: `${exception.id}.event`,
        orderNo: run.input.orderNo,
        type: type === 'delay' ? 'delay' : type === 'quality' ? 'quality' : 'supply_failure',
        description,
        occurredAt: exception.reportedAt,
      });
      await notifyDepartments(
        run,
        'exception',
        exception.id.split('.').pop() ?? '1',
        ['sales'],
        `Exception on order ${run.input.orderNo}: ${type}`,
        { ...exception },
      );
      await reassessRisk(run, 'exception');
      return exception;
    },
    {
      validator: ({ department, actor }: ExceptionReport) => {
        checkActive(run, 'reporting an exception');
        if (!actor.departments.includes(department) || !works(actor)) reject(Rejection.NotYourTask, `you do not work in ${department}`);
      },
    },
  );

  setHandler(
    resolveException,
    async ({ exceptionId, resolution }) => {
      const e = s.exceptions.find((x) => x.id === exceptionId)!;
      e.resolvedAt = now().toISOString();
      e.resolution = resolution;
      await acts.recordExceptionResolved({ id: exceptionId, resolution, resolvedAt: e.resolvedAt });
      return { ...e };
    },
    {
      validator: ({ exceptionId, actor }) => {
        const e = s.exceptions.find((x) => x.id === exceptionId);
        if (!e) return reject(Rejection.TaskNotFound, `exception ${exceptionId} does not exist`);
        if (e.resolvedAt) reject(Rejection.TaskNotOpen, `exception ${exceptionId} is already resolved`);
        if (!works(actor) || !(actor.departments.includes(e.department) || actor.departments.includes('sales'))) {
          reject(Rejection.NotYourTask, `exception ${exceptionId} is resolved by ${e.department} or sales`);
        }
      },
    },
  );

  /** 000 §6.1: a change request; the change track takes it from here. */
  setHandler(
    requestChange,
    async ({ changes, reason, impact, actor }: ChangeRequestInput) => {
      s.change = newChangeRequest(run, { changes, reason, impact, by: actorRef(actor) });
      await acts.recordChange(s.change);
      return { ...s.change };
    },
    {
      validator: ({ changes }: ChangeRequestInput) => {
        if (isOver(s) || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(s.status) || s.delivered) {
          reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${s.status}; changes are accepted only before delivery`);
        }
        if (changeOpen(s.change))
          reject(Rejection.ChangeInProgress, `change ${s.change!.id} is still open (${s.change!.status}); one change runs at a time`);
        if (changedFields(s.order, changes).length === 0)
          reject(Rejection.InvalidRequest, 'the change does not change anything in the order');
      },
    },
  );

  /** 000 §5.3.3: logistics tracks the transport; a delay is told to sales and the customer. */
  setHandler(
    recordTracking,
    async ({ location, note, delay }: TrackingUpdate) => {
      const key = `${Object.values(s.tasks).filter((t) => t.kind === 'transport').length}-${now().getTime()}`;
      await notifyDepartments(run, 'tracking', key, ['sales'], `Tracking for order ${run.input.orderNo}: ${location}`, {
        location,
        note,
        delay,
      });
      if (delay) {
        await notifyCustomer(run, 'transport_delay', key, `Order ${run.input.orderNo} is delayed in transport`, {
          location,
          reason: delay.reason,
          newEta: delay.newEta,
        });
      }
      return { recorded: true };
    },
    {
      validator: ({ actor }: TrackingUpdate) => {
        if (s.stage !== 'transport') reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is not in transport`);
        if (!actor.departments.includes('logistics') || !works(actor)) reject(Rejection.NotYourTask, 'tracking is recorded by logistics');
      },
    },
  );
}
