import {
  ApplicationFailure,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Rejection } from '../../workflows/order/messages';
import { ApiError } from '../orders/errors';
import { WorkflowStartPending } from '../orders/start-pending';
import { clientErrorCode } from './http/protocol-errors';

// One error shape for every failure: { error: { code, message, details? } }. Bad input
// is always a 4xx; a 5xx never leaks internals. What a retry can fix (the database or the
// engine away for a while) is a 503 with Retry-After, decided here and nowhere else.

const rejectionStatus: Record<string, [number, string]> = {
  [Rejection.TaskNotFound]: [404, 'NOT_FOUND'],
  [Rejection.NotYourTask]: [403, 'FORBIDDEN'],
  [Rejection.TaskNotOpen]: [409, 'TASK_NOT_OPEN'],
  [Rejection.InvalidCompletion]: [400, 'VALIDATION_FAILED'],
  [Rejection.OrderNotActive]: [409, 'ORDER_NOT_ACTIVE'],
  [Rejection.ChangeInProgress]: [409, 'CHANGE_IN_PROGRESS'],
  [Rejection.InvalidRequest]: [400, 'VALIDATION_FAILED'],
  [Rejection.Conflict]: [409, 'CONFLICT'],
};

/** Seconds a client is told to wait before retrying what failed for want of the database or the engine. */
export const RETRY_AFTER_SECONDS = 5;
const retryAfter = { 'Retry-After': String(RETRY_AFTER_SECONDS) };

/** The error and every cause below it (drizzle and the Temporal client wrap what they catch). */
function* causes(err: unknown): Generator<unknown> {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

// gRPC UNAVAILABLE (14), DEADLINE_EXCEEDED (4) and CANCELLED (1): the engine is down, too
// slow, or the call ran out of time (a timed-out Update ends CANCELLED or DEADLINE_EXCEEDED).
const engineDown = new Set<number>([14, 4, 1]);

/** Whether the engine could not be reached or did not answer in time. */
export function isEngineUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && engineDown.has(e.code)) return true;
  }
  return false;
}

// Node socket errors and postgres.js' own connection errors.
const connectionErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);
// SQLSTATEs of a server going away or too busy: connection exceptions (class 08), admin,
// crash and start-up shutdowns, too many connections, a cancelled statement.
const unavailableStates = /^(08...|57P0[1-3]|53300|57014)$/;
// Embedded PGlite has no connection to lose; closed (or closing), it refuses every query.
const pgliteClosed = /^PGlite is clos(ed|ing)$/;

/** Whether a database call failed because the database was away, not because of what it was asked. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionErrors.has(code) || unavailableStates.test(code))) return true;
    if (e instanceof Error && pgliteClosed.test(e.message)) return true;
  }
  return false;
}

export const engineUnavailable = (message = 'the workflow engine is unreachable; retry shortly', details?: unknown): ApiError =>
  new ApiError(503, 'ENGINE_UNAVAILABLE', message, details, retryAfter);

export const workerUnavailable = (subject: { orderNo?: string; workflowId?: string }, timeoutMs: number): ApiError =>
  new ApiError(
    503,
    'WORKER_UNAVAILABLE',
    `the workflow engine answers, but the worker of ${subject.orderNo ? `order ${subject.orderNo}` : `workflow ${subject.workflowId}`} did not answer within ${timeoutMs / 1000} s; ` +
      'it may still apply once a worker is back: repeat it with the same Idempotency-Key to learn its result',
    subject,
    retryAfter,
  );

const databaseUnavailable = (): ApiError =>
  new ApiError(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly', undefined, retryAfter);

/** Translates what a Temporal call threw into the API's error, or undefined if it is not one of ours. */
export function fromTemporal(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const mapped = rejectionStatus[err.cause.type];
    if (mapped) return new ApiError(mapped[0], mapped[1], err.cause.message, err.cause.details?.[0]);
  }
  // Updates to a finished order's workflow: the order no longer takes changes.
  if (err instanceof WorkflowNotFoundError)
    return new ApiError(409, 'ORDER_NOT_ACTIVE', 'the order is finished and takes no further actions');
  if (isEngineUnavailable(err)) return engineUnavailable();
  return undefined;
}

/** What any failure means to the caller, when it is one the API knows. */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof WorkflowStartPending) {
    const cause = toApiError(err.cause);
    if (cause?.statusCode !== 503) return cause;
    return new ApiError(
      503,
      cause.code,
      `order ${err.orderNo} is stored, and its process starts once the engine answers; repeat the request with the same Idempotency-Key to get it`,
      { orderNo: err.orderNo },
      retryAfter,
    );
  }
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  return fromTemporal(err);
}

/** The innermost cause's name, code and first line: what an operator needs, without query values. */
export function rootCause(err: unknown): { name: string; code?: unknown; message: string } {
  let last: unknown = err;
  for (const e of causes(err)) last = e;
  const e = last as { name?: string; code?: unknown; message?: string } | undefined;
  return { name: e?.name ?? typeof last, code: e?.code, message: (e?.message ?? String(last)).split('\n')[0] };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    const known = toApiError(err);
    if (known) {
      if (known.headers) void reply.headers(known.headers);
      // The root cause only: a wrapped database error carries the query and its values.
      if (known.statusCode >= 500) request.log.warn({ code: known.code, cause: rootCause(err) }, known.message);
      return reply
        .code(known.statusCode)
        .send({ error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      return reply
        .code(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details } });
    }
    const statusCode = (err as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      return reply.code(statusCode).send({ error: { code: clientErrorCode(err as FastifyError), message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
}
