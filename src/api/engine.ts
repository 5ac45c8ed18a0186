import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders } from '../db/schema';
import { ApiError } from '../orders/errors';
import type { OrderRow } from '../orders/intake';
import { isEngineUnavailable, toApiError, workerUnavailable } from './errors';

/** How long the engine may take to answer the probe that tells a missing worker from a missing engine. */
const PROBE_TIMEOUT_MS = 1_000;

/** Why the engine's frontend does not answer, or undefined when it does. */
export async function engineProbe(temporal: Client, timeoutMs = PROBE_TIMEOUT_MS): Promise<unknown> {
  try {
    await temporal.withDeadline(Date.now() + timeoutMs, () => temporal.connection.workflowService.getSystemInfo({}));
    return undefined;
  } catch (err) {
    return err ?? new Error('no answer');
  }
}

/**
 * A call to the workflow engine, bounded in time, with its failures turned into API errors.
 * A call to one workflow (an order's, or any other named by its id) that runs out of time
 * while the engine itself answers is waiting for a worker: the answer says so, rather than
 * "unreachable".
 */
export async function callEngine<T>(
  deps: { temporal: Client; engineTimeoutMs: number },
  call: () => Promise<T>,
  subject?: { orderNo?: string; workflowId?: string },
): Promise<T> {
  try {
    return await deps.temporal.withDeadline(Date.now() + deps.engineTimeoutMs, call);
  } catch (err) {
    if (subject && isEngineUnavailable(err) && (await engineProbe(deps.temporal)) === undefined)
      throw workerUnavailable(subject, deps.engineTimeoutMs);
    throw toApiError(err) ?? err;
  }
}

/** The order's row, or a 404 that names it. */
export async function requireOrder(db: Db, orderNo: string): Promise<OrderRow> {
  const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
  if (!row) throw new ApiError(404, 'NOT_FOUND', `order ${orderNo} does not exist`);
  return row;
}

/** What a service that starts workflows needs from the API (filing a complaint, opening a ticket). */
export function workflowStarter(app: FastifyInstance) {
  return {
    db: app.db,
    temporal: app.temporal,
    taskQueue: app.engine.taskQueue,
    policy: app.policy,
    call: <T>(c: () => Promise<T>) => app.engine.call(c),
  };
}
