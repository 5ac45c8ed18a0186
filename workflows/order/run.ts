import type { OrderInput } from './order-input';
import type { ChangeState } from './change-requests';
import type { DeliveryState } from './delivery';
import type { ExceptionsState } from './exceptions';
import type { ExecutionState } from './execution';
import type { DeliveriesState } from './notify';
import type { OverdueState } from './overdue-delivery';
import type { ProjectionState } from './projection';
import type { ReportsState } from './progress-reports';
import type { ReviewState } from './review';
import type { RiskState } from './risk-assessment';
import type { ReceivablesLinkState } from './receivables-link';
import type { TaskBoardState } from './task-engine';
import type { Actor, Classification, OrderStatus, OrderWorkflowInput } from './types';

// One order's run: its input and the state it carries whole into the next run on
// continue-as-new. Each feature module owns and declares its part of the state; the names
// of the parts are part of that carried state, so they never change.

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
  | 'satisfaction_check'
  | 'summary'
  | 'done';

/** The order itself and where its process stands. */
export interface CoreState {
  order: OrderInput;
  status: OrderStatus;
  version: number;
  round: number;
  stage: Stage;
  /** Iteration counters of the loops other than the review round (contract, materials, rework, …). */
  loops: Record<string, number>;
  cancel?: { by: { sub: string; name: string }; reason: string; at: string };
  finished: boolean;
  /** Set when an agreed change moved the order into or out of the urgent lane (001 §2); intake's classification until then. */
  urgency?: Classification;
}

export type OrderState = CoreState &
  TaskBoardState &
  ReviewState &
  ExecutionState &
  DeliveryState &
  ExceptionsState &
  ReportsState &
  OverdueState &
  RiskState &
  DeliveriesState &
  ChangeState &
  ReceivablesLinkState &
  ProjectionState;

export interface OrderRun {
  input: OrderWorkflowInput;
  s: OrderState;
}

export const isOver = (s: CoreState): boolean => s.finished || s.cancel !== undefined;

/** The order's classification now: intake's, or the one its latest agreed change gave it. */
export const classificationOf = (run: OrderRun): Classification => run.s.urgency ?? run.input.classification;
export const isUrgent = (run: OrderRun): boolean => classificationOf(run).urgent;

export function nextLoop(s: CoreState, loop: string): number {
  s.loops[loop] = (s.loops[loop] ?? 1) + 1;
  return s.loops[loop];
}

export const loopOf = (s: CoreState, loop: string): number => s.loops[loop] ?? 1;

export function actorRef(actor: Actor): { sub: string; name: string } {
  return { sub: actor.sub, name: actor.name };
}
