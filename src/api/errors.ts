import { ApplicationFailure, isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Rejection } from '../../workflows/order/messages';
import { ApiError } from '../orders/errors';
import { clientErrorCode } from './http/protocol-errors';

// One error shape for every failure: { error: { code, message, details? } }. Bad input
// is always a 4xx; a 5xx never leaks internals.

const rejectionStatus: Record<string, [number, string]> = {
  [Rejection.TaskNotFound]: [404, 'NOT_FOUND'],
  [Rejection.NotYourTask]: [403, 'FORBIDDEN'],
  [Rejection.TaskNotOpen]: [409, 'TASK_NOT_OPEN'],
  [Rejection.InvalidCompletion]: [400, 'VALIDATION_FAILED'],
  [Rejection.OrderNotActive]: [409, 'ORDER_NOT_ACTIVE'],
  [Rejection.ChangeInProgress]: [409, 'CHANGE_IN_PROGRESS'],
  [Rejection.InvalidRequest]: [400, 'VALIDATION_FAILED'],
};

// gRPC status codes UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the engine is down or too slow.
const engineDown = new Set<number>([14, 4]);

function isEngineUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e) && engineDown.has(e.code)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && engineDown.has(code) && (e as Error).name !== 'ApiError') return true;
  }
  return false;
}

/** Translates what a Temporal call threw into the API's error, or undefined if it is not one of ours. */
export function fromTemporal(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const mapped = rejectionStatus[err.cause.type];
    if (mapped) return new ApiError(mapped[0], mapped[1], err.cause.message, err.cause.details?.[0]);
  }
  // Updates to a finished order's workflow: the order no longer takes changes.
  if (err instanceof WorkflowNotFoundError)
    return new ApiError(409, 'ORDER_NOT_ACTIVE', 'the order is finished and takes no further actions');
  if (isEngineUnreachable(err)) {
    return new ApiError(503, 'ENGINE_UNAVAILABLE', 'the workflow engine is unreachable; retry shortly', undefined, { 'Retry-After': '5' });
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    const known = err instanceof ApiError ? err : fromTemporal(err);
    if (known) {
      if (known.headers) void reply.headers(known.headers);
      if (known.statusCode >= 500) request.log.warn({ err }, known.message);
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
