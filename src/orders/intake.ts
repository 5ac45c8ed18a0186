import { and, count, eq, ne } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders, orderVersions } from '../db/schema';
import { localDate } from '../../workflows/calendar';
import { calendarOf, type PolicySnapshot } from '../../workflows/policy';
import { orderWorkflowId, orderWorkflowType } from '../../workflows/order/messages';
import type { OrderInput } from './schema';
import type { Actor, OrderWorkflowInput } from '../../workflows/order/types';
import { classifyOrder } from '../../workflows/order/classify';
import { ApiError } from './errors';
import { bindKey, claimKey, orderForKey, requestFingerprint } from './idempotency';
import { allocateOrderNumber } from './order-number';
import { WorkflowStartPending } from './start-pending';

export interface IntakeDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  now?: () => Date;
}

export type OrderRow = typeof orders.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * 000 §2: receive an order. The row (with the exact workflow input) commits first, then
 * the workflow starts under an ID derived from the order number. A crash in between leaves
 * a row marked not started, which the orphan sweep (orphan-sweep.ts) starts later.
 */
export async function receiveOrder(
  deps: IntakeDeps,
  order: OrderInput,
  actor: Actor,
  idempotencyKey?: string,
): Promise<{ row: OrderRow; created: boolean }> {
  const now = deps.now?.() ?? new Date();
  const { policy } = deps.policy;
  const cal = calendarOf(policy);
  const today = localDate(cal, now);
  if (order.requestedDeliveryDate < today) {
    const message = `requestedDeliveryDate ${order.requestedDeliveryDate} is in the past (today is ${today} in ${policy.timeZone})`;
    throw new ApiError(400, 'VALIDATION_FAILED', message, [{ path: 'requestedDeliveryDate', message: 'must not be in the past' }]);
  }

  const scope = actor.sub;
  const fingerprint = requestFingerprint(order);
  if (idempotencyKey) {
    const existing = await orderForKey(deps.db, scope, idempotencyKey, fingerprint);
    if (existing) {
      if (!existing.workflowStarted) await startStoredOrder(deps, existing);
      return { row: existing, created: false };
    }
  }

  const created = await deps.db.transaction(async (tx) => {
    // The key first: a request that loses it allocates no number.
    if (idempotencyKey && !(await claimKey(tx, scope, idempotencyKey, fingerprint))) return undefined;
    const orderNo = await allocateOrderNumber(tx, policy.orderNumber, today);
    if (idempotencyKey) await bindKey(tx, scope, idempotencyKey, orderNo);
    const input: OrderWorkflowInput = {
      orderNo,
      order,
      classification: classifyOrder(policy, order, now),
      policy: deps.policy,
      receivedAt: now.toISOString(),
      receivedBy: { sub: actor.sub, name: actor.name },
      // The credit rule (000 §7.1) rates a customer without earlier orders as new.
      previousOrders: await earlierOrdersOf(tx, order.customer.id),
    };
    return insertOrder(tx, input, actor);
  });

  if (!created) {
    // A concurrent request with the same key won the race; answer with its order.
    const existing = await orderForKey(deps.db, scope, idempotencyKey!, fingerprint);
    if (!existing) throw new ApiError(409, 'CONFLICT', 'a request with this Idempotency-Key is still being processed; retry');
    return { row: existing, created: false };
  }
  await startStoredOrder(deps, created);
  return { row: { ...created, workflowStarted: true }, created: true };
}

/** The order's row, holding the exact workflow input, and its version 1. */
async function insertOrder(tx: Tx, input: OrderWorkflowInput, actor: Actor): Promise<OrderRow> {
  const { orderNo, order } = input;
  const at = new Date(input.receivedAt);
  const data = order as unknown as Record<string, unknown>;
  const [row] = await tx
    .insert(orders)
    .values({
      orderNo,
      workflowId: orderWorkflowId(orderNo),
      status: 'RECEIVED',
      kind: order.kind,
      urgent: input.classification.urgent,
      urgentRules: input.classification.urgentRules,
      customerId: order.customer.id,
      customerName: order.customer.name,
      version: 1,
      data,
      policyVersion: input.policy.version,
      startInput: input as unknown as Record<string, unknown>,
      createdBy: actor.sub,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await tx.insert(orderVersions).values({ orderNo, version: 1, data, reason: 'received', createdBy: actor.sub, createdAt: at });
  return row;
}

/** How many orders the customer placed before, cancelled ones aside: those carry no payment history. */
async function earlierOrdersOf(tx: Tx, customerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), ne(orders.status, 'CANCELLED')));
  return row.n;
}

/** Starts a stored order's workflow; a failure says the order is stored, for the sweep to start. */
async function startStoredOrder(deps: Pick<IntakeDeps, 'db' | 'temporal' | 'taskQueue'>, row: OrderRow): Promise<void> {
  try {
    await startOrderWorkflow(deps, row);
  } catch (err) {
    throw new WorkflowStartPending(row.orderNo, err);
  }
}

/** Starts the order's workflow from its stored input; an already running one is fine. */
export async function startOrderWorkflow(deps: Pick<IntakeDeps, 'db' | 'temporal' | 'taskQueue'>, row: OrderRow): Promise<void> {
  try {
    await deps.temporal.workflow.start(orderWorkflowType, {
      workflowId: row.workflowId,
      taskQueue: deps.taskQueue,
      args: [row.startInput as unknown as OrderWorkflowInput],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await deps.db.update(orders).set({ workflowStarted: true }).where(eq(orders.orderNo, row.orderNo));
}

/** Repairs orders whose process died between storing the row and starting the workflow. */
export async function startPendingOrders(deps: Pick<IntakeDeps, 'db' | 'temporal' | 'taskQueue'>): Promise<string[]> {
  const pending = await deps.db.select().from(orders).where(eq(orders.workflowStarted, false));
  for (const row of pending) await startOrderWorkflow(deps, row);
  return pending.map((r) => r.orderNo);
}
