import { defineQuery, defineUpdate, defineSignal } from '@temporalio/workflow';
import type { OrderRevision } from './order-input';
import type { Actor, ChangeRequest, OrderException, OrderSnapshot, OrderView, ProgressReport } from './types';

// The contract between the API and the order workflow: both import these, so a rename
// breaks the build rather than production.

// The task Updates are every workflow's (workflows/tasks/messages.ts); the order answers them too.
export {
  assignTask,
  claimTask,
  completeTask,
  Rejection,
  unclaimTask,
  type AssignTaskRequest,
  type ClaimTaskRequest,
  type CompleteTaskRequest,
  type RejectionType,
  type UnclaimTaskRequest,
} from '../tasks/messages';

export const orderWorkflowType = 'orderWorkflow';
export const orderWorkflowId = (orderNo: string): string => `order-${orderNo}`;

export interface CancelOrderRequest {
  reason: string;
  actor: Actor;
}

export const cancelOrder = defineUpdate<OrderView, [CancelOrderRequest]>('cancelOrder');
export const orderView = defineQuery<OrderView>('orderView');
/** Everything the order's rows are projected from: the repair rewrites them from this. */
export const orderSnapshot = defineQuery<OrderSnapshot>('orderSnapshot');

export interface ExceptionReport {
  type: 'delay' | 'quality' | 'material_shortage';
  description: string;
  department: string;
  actor: Actor;
}
export interface TrackingUpdate {
  location: string;
  note?: string;
  delay?: { reason: string; newEta: string };
  actor: Actor;
}

export const requestProgressReport = defineUpdate<ProgressReport, [{ actor: Actor }]>('requestProgressReport');
export const reportException = defineUpdate<OrderException, [ExceptionReport]>('reportException');
export const resolveException = defineUpdate<OrderException, [{ exceptionId: string; resolution: string; actor: Actor }]>(
  'resolveException',
);
export const recordTracking = defineUpdate<{ recorded: boolean }, [TrackingUpdate]>('recordTracking');

export interface ChangeRequestInput {
  changes: OrderRevision;
  reason: string;
  impact: { deliveryDate?: string; cost?: number; note?: string };
  actor: Actor;
}
export const requestChange = defineUpdate<ChangeRequest, [ChangeRequestInput]>('requestChange');

/** The order's receivables tell it of an instalment past due: its credit risk is re-rated (002 §2.4). */
export const paymentOverdue = defineSignal<[{ instalment: number; at: string }]>('paymentOverdue');
