import { and, eq } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { idempotencyKeys, orders, orderVersions } from '../db/schema';
import { localDate } from '../../workflows/calendar';
import { calendarOf, type PolicySnapshot } from '../../workflows/policy';
import { orderWorkflowId, orderWorkflowType } from '../../workflows/order/messages';
import type { OrderInput } from './schema';
import type { Actor, OrderWorkflowInput } from '../../workflows/order/types';
import { classifyOrder } from '../../workflows/order/classify';
import { ApiError } from './errors';
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
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `requestedDeliveryDate ${order.requestedDeliveryDate} is in the past (today is ${today} in ${policy.timeZone})`,
      [{ path: 'requestedDeliveryDate', message: 'must not be in the past' }],
    );
  }

  const scope = actor.sub;
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(deps.db, scope, idempotencyKey);
    if (existing) {
      if (!existing.workflowStarted) await startStoredOrder(deps, existing);
      return { row: existing, created: false };
    }
  }

  const created = await deps.db.transaction(async (tx) => {
    const orderNo = await allocateOrderNumber(tx, policy.orderNumber, today);
    if (idempotencyKey) {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ scope, key: idempotencyKey, orderNo })
        .onConflictDoNothing()
        .returning({ orderNo: idempotencyKeys.orderNo });
      if (claimed.length === 0) return undefined;
    }
    const input: OrderWorkflowInput = {
      orderNo,
      order,
      classification: classifyOrder(policy, order, now),
      policy: deps.policy,
      receivedAt: now.toISOString(),
      receivedBy: { sub: actor.sub, name: actor.name },
    };
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
        data: order as unknown as Record<string, unknown>,
        policyVersion: deps.policy.version,
        startInput: input as unknown as Record<string, unknown>,
        createdBy: actor.sub,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(orderVersions).values({
      orderNo,
      version: 1,
      data: order as unknown as Record<string, unknown>,
      reason: 'received',
      createdBy: actor.sub,
      createdAt: now,
    });
    return row;
  });

  if (!created) {
    // A concurrent request with the same key won the race; answer with its order.
    const existing = await findByIdempotencyKey(deps.db, scope, idempotencyKey!);
    if (!existing) throw new ApiError(409, 'CONFLICT', 'a request with this Idempotency-Key is still being processed; retry');
    return { row: existing, created: false };
  }
  await startStoredOrder(deps, created);
  return { row: { ...created, workflowStarted: true }, created: true };
}

async function findByIdempotencyKey(db: Db, scope: string, key: string): Promise<OrderRow | undefined> {
  const [hit] = await db
    .select({ order: orders })
    .from(idempotencyKeys)
    .innerJoin(orders, eq(orders.orderNo, idempotencyKeys.orderNo))
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return hit?.order;
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
