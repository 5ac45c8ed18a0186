import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { redactError, redactMessage } from '../logging/redact-error';

// An activity's failure is logged by the worker and recorded in the workflow history for
// good. Database errors there would carry the customer data of the failed query, so each
// failure leaves the activity without them, its type and retryability unchanged.

const toError = (e: unknown): Error | undefined => (e instanceof Error ? e : undefined);

export function redactFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) {
    const message = redactMessage(err.message);
    if (message === err.message && !err.cause) return err;
    return ApplicationFailure.create({
      message,
      type: err.type ?? undefined,
      nonRetryable: err.nonRetryable ?? undefined,
      details: err.details ? [...err.details] : undefined,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Duration's type comes from a package the linter cannot resolve
      nextRetryDelay: err.nextRetryDelay,
      category: err.category ?? undefined,
      cause: err.cause ? toError(redactError(err.cause)) : undefined,
    });
  }
  return redactError(err);
}

class RedactedActivityFailures implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (err) {
      throw redactFailure(err);
    }
  }
}

export const redactedActivityFailures: ActivityInterceptorsFactory = () => ({ inbound: new RedactedActivityFailures() });
