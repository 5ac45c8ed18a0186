import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { OrderRevision } from './order-input';
import type { Actor, ChangeRequest, OrderException, OrderSnapshot, OrderView, ProgressReport, Task } from './types';

// The contract between the API and the order workflow: both import these, so a rename
// breaks the build rather than production.

export const orderWorkflowType = 'orderWorkflow';
export const orderWorkflowId = (orderNo: string): string => `order-${orderNo}`;

export interface CompleteTaskRequest {
  taskId: string;
  outcome: string;
  comment?: string;
  data?: unknown;
  actor: Actor;
}
export interface ClaimTaskRequest {
  taskId: string;
  actor: Actor;
}
export interface UnclaimTaskRequest {
  taskId: string;
  actor: Actor;
}
export interface AssignTaskRequest {
  taskId: string;
  /** The person who takes the task over; the department head decides. */
  assignee: { sub: string; name?: string };
  actor: Actor;
}
export interface CancelOrderRequest {
  reason: string;
  actor: Actor;
}

export const completeTask = defineUpdate<Task, [CompleteTaskRequest]>('completeTask');
export const claimTask = defineUpdate<Task, [ClaimTaskRequest]>('claimTask');
/** The claimer or the department head puts a claimed task back into the inbox. */
export const unclaimTask = defineUpdate<Task, [UnclaimTaskRequest]>('unclaimTask');
/** The department head gives a task to someone, claimed or not. */
export const assignTask = defineUpdate<Task, [AssignTaskRequest]>('assignTask');
export const cancelOrder = defineUpdate<OrderView, [CancelOrderRequest]>('cancelOrder');
export const orderView = defineQuery<OrderView>('orderView');
/** Everything the order's rows are projected from: the repair rewrites them from this. */
export const orderSnapshot = defineQuery<OrderSnapshot>('orderSnapshot');

/** ApplicationFailure types the validators raise; the API maps each to an HTTP status. */
export const Rejection = {
  TaskNotFound: 'TaskNotFound',
  NotYourTask: 'NotYourTask',
  TaskNotOpen: 'TaskNotOpen',
  InvalidCompletion: 'InvalidCompletion',
  OrderNotActive: 'OrderNotActive',
  ChangeInProgress: 'ChangeInProgress',
  InvalidRequest: 'InvalidRequest',
} as const;
export type RejectionType = (typeof Rejection)[keyof typeof Rejection];

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
