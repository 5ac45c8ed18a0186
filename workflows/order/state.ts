import { condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import { addClockHours, addWorkingDays, addWorkingHours, zonedTime, type BusinessCalendarConfig } from '../calendar';
import { calendarOf, type Policy } from '../policy';
import { outcomesOf } from './task-forms';
import type { TaskKind } from './task-kinds';
import type { OrderInput } from './order-input';
import type {
  Actor,
  ChangeRequest,
  OrderException,
  OrderStatus,
  OrderView,
  OrderWorkflowInput,
  ProductionPlan,
  RiskAssessment,
  Role,
  Task,
} from './types';

// Projection writes are short database calls; they retry until the database answers,
// because the order must never move on without its inbox rows.
export const acts = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Where the order stands: each stage runs to its next wait and can be re-entered after continue-as-new. */
export type Stage =
  | 'urgent_confirm'
  | 'meeting'
  | 'review'
  | 'renegotiation'
  | 'urgent_negotiation'
  | 'contract_draft'
  | 'contract_review'
  | 'contract_signature'
  | 'design'
  | 'design_review'
  | 'design_change'
  | 'plan'
  | 'material_purchase'
  | 'incoming_inspection'
  | 'material_remedy'
  | 'material_receipt'
  | 'production'
  | 'final_inspection'
  | 'rework'
  | 'packaging'
  | 'shipping_plan'
  | 'dispatch'
  | 'transport'
  | 'acceptance'
  | 'rectification'
  | 'summary'
  | 'done';

/** Everything the order workflow knows; it is carried whole into the next run on continue-as-new. */
export interface OrderState {
  order: OrderInput;
  status: OrderStatus;
  version: number;
  round: number;
  stage: Stage;
  /** Iteration counters of the loops other than the review round (contract, materials, rework, …). */
  loops: Record<string, number>;
  tasks: Record<string, Task>;
  meetingDate?: string;
  plan?: ProductionPlan;
  milestonesDone: Record<string, string>;
  quality: { check: string; result: string; at: string }[];
  exceptions: (OrderException & { resolvedAt?: string; resolution?: string })[];
  shipDate?: string;
  delivered: boolean;
  reports: { started: boolean; seq: number; nextDueAt?: string };
  overdue: { stage: 'watch' | 'explain' | 'approve' | 'done'; round: number };
  risk: { seq: number; changeCount: number; marginPct?: number; last?: RiskAssessment };
  /** Customer messages still being delivered; restarted after continue-as-new. */
  deliveries: string[];
  /** The latest change request; one runs at a time. */
  change?: ChangeRequest;
  changeSeq: number;
  /** Tasks a change made stale, and the task reissued in each one's place. */
  replacedBy: Record<string, string>;
  cancel?: { by: { sub: string; name: string }; reason: string; at: string };
  finished: boolean;
}

export interface OrderRun {
  input: OrderWorkflowInput;
  s: OrderState;
}

export function initialState(input: OrderWorkflowInput): OrderState {
  return {
    order: input.order,
    status: 'RECEIVED',
    version: 1,
    round: 1,
    stage: input.classification.urgent ? 'urgent_confirm' : input.classification.kind === 'complex' ? 'meeting' : 'review',
    loops: {},
    tasks: {},
    milestonesDone: {},
    quality: [],
    exceptions: [],
    delivered: false,
    reports: { started: false, seq: 0 },
    overdue: { stage: 'watch', round: 1 },
    risk: { seq: 0, changeCount: 0 },
    deliveries: [],
    changeSeq: 0,
    replacedBy: {},
    finished: false,
  };
}

/** The task now standing for `id`: itself, or the task a change reissued in its place. */
export function current(s: OrderState, id: string): Task | undefined {
  let at = id;
  for (let guard = 0; s.replacedBy[at] && guard < 100; guard++) at = s.replacedBy[at];
  return s.tasks[at];
}

export const policyOf = (run: OrderRun): Policy => run.input.policy.policy;
export const calendar = (run: OrderRun): BusinessCalendarConfig => calendarOf(policyOf(run));
export const now = (): Date => new Date();
export const isFinal = (t: Task | undefined): boolean => !t || t.status === 'COMPLETED' || t.status === 'CANCELLED';
export const isOver = (s: OrderState): boolean => s.finished || s.cancel !== undefined;

export function workingDaysFrom(run: OrderRun, start: Date, days: number): Date {
  return addWorkingDays(calendar(run), start, days);
}

/** Hour deadlines of the urgent lane: clock hours, or working hours when the policy says so. */
export function hoursFrom(run: OrderRun, start: Date, hours: number): Date {
  return policyOf(run).deadlines.hourDeadlines === 'working' ? addWorkingHours(calendar(run), start, hours) : addClockHours(start, hours);
}

/** The end of the working day on a local calendar date, e.g. a milestone's planned date. */
export function endOfWorkingDay(run: OrderRun, isoDate: string): Date {
  return zonedTime(calendar(run), isoDate, calendar(run).workdayEnd);
}

/** Thrown from a wait when the history has grown enough to continue as new. */
export class ContinueAsNewNeeded extends Error {
  constructor() {
    super('continue as new');
    this.name = 'ContinueAsNewNeeded';
  }
}

export function continueAsNewDue(run: OrderRun): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= policyOf(run).workflow.continueAsNewAfterEvents;
}

/**
 * Every wait of the order goes through here: it returns true when pred holds, false when
 * `until` passes first, and unwinds with ContinueAsNewNeeded when the run should end.
 * Waits are the only places a run ends, so the state is always whole when it does.
 */
export async function waitFor(run: OrderRun, pred: () => boolean, until?: Date): Promise<boolean> {
  const wake = () => pred() || continueAsNewDue(run);
  let satisfied: boolean;
  if (until === undefined) {
    await condition(wake);
    satisfied = true;
  } else {
    const ms = until.getTime() - now().getTime();
    satisfied = ms > 0 ? await condition(wake, ms) : wake();
  }
  if (pred()) return true;
  if (continueAsNewDue(run)) throw new ContinueAsNewNeeded();
  return satisfied && pred();
}

export interface TaskSpec {
  kind: TaskKind;
  step: string;
  round: number;
  department: string;
  title: string;
  requiredRole?: Role;
  context?: Record<string, unknown>;
}

export const taskId = (run: OrderRun, spec: Pick<TaskSpec, 'step' | 'round' | 'department'>): string =>
  `${run.input.orderNo}.${spec.step}.r${spec.round}.${spec.department}`;

export function newTask(run: OrderRun, spec: TaskSpec, dueAt: Date): Task {
  const { orderNo, classification } = run.input;
  return {
    id: taskId(run, spec),
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
    context: urgentMarkers(run, spec.department) ? { ...spec.context, markers: urgentMarkers(run, spec.department) } : spec.context,
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

export async function setStatus(run: OrderRun, status: OrderStatus, reason?: string): Promise<void> {
  if (run.s.status === status) return;
  run.s.status = status;
  await acts.recordStatus({ orderNo: run.input.orderNo, status, reviewRound: run.s.round, at: now().toISOString(), reason });
}

export function actorRef(actor: Actor): { sub: string; name: string } {
  return { sub: actor.sub, name: actor.name };
}

export function nextLoop(s: OrderState, loop: string): number {
  s.loops[loop] = (s.loops[loop] ?? 1) + 1;
  return s.loops[loop];
}
export const loopOf = (s: OrderState, loop: string): number => s.loops[loop] ?? 1;

export function view(run: OrderRun): OrderView {
  const { s } = run;
  return {
    orderNo: run.input.orderNo,
    status: s.status,
    stage: s.stage,
    version: s.version,
    reviewRound: s.round,
    classification: run.input.classification,
    policyVersion: run.input.policy.version,
    openTasks: Object.values(s.tasks).filter((t) => !isFinal(t)),
    plan: s.plan,
    milestonesDone: s.milestonesDone,
    exceptions: s.exceptions,
    risk: s.risk.last,
    reportsSent: s.reports.seq,
    change: s.change,
    cancelled: s.cancel,
  };
}
