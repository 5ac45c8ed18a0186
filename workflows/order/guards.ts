import { ApplicationFailure } from '@temporalio/workflow';
import { Rejection } from './messages';
import { isOver, type OrderRun } from './run';
import type { Actor } from './types';

// What the Update validators share: a typed rejection the API maps to an HTTP status, and
// the checks that several features make before anything reaches the history.

export const reject = (type: string, message: string, details?: unknown): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
};

/** Staff and heads act for their departments; auditors and admins only read. */
export const works = (actor: Actor): boolean => actor.roles.includes('staff') || actor.roles.includes('head');

export function checkActive(run: OrderRun, what: string): void {
  if (isOver(run.s) || ['CLOSED', 'CANCELLED'].includes(run.s.status)) {
    reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${run.s.status}; ${what} is no longer possible`);
  }
}
