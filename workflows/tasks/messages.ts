import { defineUpdate } from '@temporalio/workflow';
import type { Actor, BoardTask } from './types';

// The Updates every workflow with tasks answers, under the same names: the API sends them
// to the workflow a task row names, whatever kind of workflow that is.

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

export const completeTask = defineUpdate<BoardTask, [CompleteTaskRequest]>('completeTask');
export const claimTask = defineUpdate<BoardTask, [ClaimTaskRequest]>('claimTask');
/** The claimer or the department head puts a claimed task back into the inbox. */
export const unclaimTask = defineUpdate<BoardTask, [UnclaimTaskRequest]>('unclaimTask');
/** The department head gives a task to someone, claimed or not. */
export const assignTask = defineUpdate<BoardTask, [AssignTaskRequest]>('assignTask');

/** ApplicationFailure types the validators raise; the API maps each to an HTTP status. */
export const Rejection = {
  TaskNotFound: 'TaskNotFound',
  NotYourTask: 'NotYourTask',
  TaskNotOpen: 'TaskNotOpen',
  InvalidCompletion: 'InvalidCompletion',
  OrderNotActive: 'OrderNotActive',
  ChangeInProgress: 'ChangeInProgress',
  InvalidRequest: 'InvalidRequest',
  /** The request contradicts what is recorded (an invoice over the contract total). */
  Conflict: 'Conflict',
} as const;
export type RejectionType = (typeof Rejection)[keyof typeof Rejection];
