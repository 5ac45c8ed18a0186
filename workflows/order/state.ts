import { condition, proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { addWorkingDays, type BusinessCalendarConfig } from '../calendar';
import { calendarOf, type Policy } from '../policy';
import { outcomesOf, type TaskKind } from './forms';
import type { OrderInput } from './schema';
import type { Actor, OrderStatus, OrderView, OrderWorkflowInput, Role, Task } from './types';

// Projection writes are short database calls; they retry until the database answers,
// because the order must never move on without its inbox rows.
const acts = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
export { acts };

export interface OrderState {
  input: OrderWorkflowInput;
  order: OrderInput;
  status: OrderStatus;
  version: number;
  round: number;
  tasks: Record<string, Task>;
  cancel?: { by: { sub: string; name: string }; reason: string; at: string };
  finished: boolean;
}

export function initialState(input: OrderWorkflowInput): OrderState {
  return { input, order: input.order, status: 'RECEIVED', version: 1, round: 0, tasks: {}, finished: false };
}

export const policyOf = (state: OrderState): Policy => state.input.policy.policy;
export const calendar = (state: OrderState): BusinessCalendarConfig => calendarOf(policyOf(state));
export const now = (): Date => new Date();
export const isFinal = (t: Task | undefined): boolean => !t || t.status === 'COMPLETED' || t.status === 'CANCELLED';

export function workingDaysFrom(state: OrderState, start: Date, days: number): Date {
  return addWorkingDays(calendar(state), start, days);
}

export interface TaskSpec {
  kind: TaskKind;
  step: string;
  department: string;
  title: string;
  dueAt: Date;
  requiredRole?: Role;
  context?: Record<string, unknown>;
}

export function newTask(state: OrderState, spec: TaskSpec): Task {
  const { orderNo, classification } = state.input;
  return {
    id: `${orderNo}.${spec.step}.r${state.round}.${spec.department}`,
    orderNo,
    department: spec.department,
    kind: spec.kind,
    step: spec.step,
    round: state.round,
    title: spec.title,
    status: 'OPEN',
    priority: classification.urgent ? 'urgent' : 'normal',
    dueAt: spec.dueAt.toISOString(),
    overdue: false,
    requiredRole: spec.requiredRole,
    outcomes: outcomesOf(spec.kind),
    context: spec.context,
    createdAt: now().toISOString(),
  };
}

/** Puts tasks into their departments' inboxes; the workflow knows them before the rows exist. */
export async function openTasks(state: OrderState, list: Task[]): Promise<string[]> {
  for (const t of list) state.tasks[t.id] = t;
  await acts.openTasks(list);
  return list.map((t) => t.id);
}

export async function cancelOpenTasks(state: OrderState, reason: string, filter: (t: Task) => boolean = () => true): Promise<void> {
  const open = Object.values(state.tasks).filter((t) => !isFinal(t) && filter(t));
  for (const t of open) t.status = 'CANCELLED';
  await acts.cancelTasks({ ids: open.map((t) => t.id), reason });
}

export async function setStatus(state: OrderState, status: OrderStatus, reason?: string): Promise<void> {
  state.status = status;
  await acts.recordStatus({ orderNo: state.input.orderNo, status, reviewRound: state.round, at: now().toISOString(), reason });
}

/** Waits for pred until the instant `at`; false means the deadline passed first. */
export async function waitUntil(pred: () => boolean, at: Date): Promise<boolean> {
  const ms = at.getTime() - now().getTime();
  if (ms <= 0) return pred();
  return condition(pred, ms);
}

export function actorRef(actor: Actor): { sub: string; name: string } {
  return { sub: actor.sub, name: actor.name };
}

export function view(state: OrderState): OrderView {
  return {
    orderNo: state.input.orderNo,
    status: state.status,
    version: state.version,
    reviewRound: state.round,
    classification: state.input.classification,
    policyVersion: state.input.policy.version,
    openTasks: Object.values(state.tasks).filter((t) => !isFinal(t)),
    cancelled: state.cancel,
  };
}
