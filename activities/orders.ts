import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { orderExceptions, orders, orderVersions, productionPlans, signOffs, tasks } from '../src/db/schema';
import type { OrderInput } from '../src/orders/schema';
import type { OrderException, OrderStatus, ProductionPlan, SignOff, Task } from '../workflows/order/types';
import type { BoardTask } from '../workflows/tasks/types';
import { openTasks } from './tasks';

type StatusWrite = { orderNo: string; status: OrderStatus; reviewRound: number; at: string; reason?: string };

/** Projects the workflow's business status onto the order row. */
async function recordStatus(db: Db, input: StatusWrite): Promise<void> {
  await db
    .update(orders)
    .set({
      status: input.status,
      reviewRound: input.reviewRound,
      statusReason: input.reason ?? null,
      updatedAt: new Date(input.at),
      workflowStarted: true,
      ...(input.status === 'DELIVERED' ? { deliveredAt: new Date(input.at) } : {}),
    })
    .where(eq(orders.orderNo, input.orderNo));
}

/** A stage begins: the order's new status and the inbox rows of its first step, in one transaction. */
async function recordStageEntry(db: Db, input: { status: StatusWrite; tasks: BoardTask[] }): Promise<void> {
  await db.transaction(async (tx) => {
    await recordStatus(tx, input.status);
    await openTasks(tx, input.tasks);
  });
}

/** Stores order version n+1 (a revision after renegotiation) and makes it current. */
async function recordOrderVersion(
  db: Db,
  input: {
    orderNo: string;
    version: number;
    order: OrderInput;
    reason: string;
    by: { sub: string; name: string };
    at: string;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(orderVersions)
      .values({
        orderNo: input.orderNo,
        version: input.version,
        data: input.order,
        reason: input.reason,
        createdBy: input.by.sub,
        createdAt: new Date(input.at),
      })
      .onConflictDoNothing();
    await tx
      .update(orders)
      .set({
        version: input.version,
        data: input.order,
        customerId: input.order.customer.id,
        customerName: input.order.customer.name,
        updatedAt: new Date(input.at),
      })
      .where(eq(orders.orderNo, input.orderNo));
  });
}

async function recordSignOffs(db: Db, input: { orderNo: string; round: number; signOffs: SignOff[] }): Promise<void> {
  if (input.signOffs.length === 0) return;
  await db
    .insert(signOffs)
    .values(
      input.signOffs.map((s) => ({
        orderNo: input.orderNo,
        round: input.round,
        department: s.department,
        outcome: s.outcome,
        signedBy: s.by.sub,
        signedByName: s.by.name,
        signedAt: new Date(s.at),
      })),
    )
    .onConflictDoNothing();
}

async function recordProductionPlan(
  db: Db,
  input: {
    orderNo: string;
    revision: number;
    plan: ProductionPlan;
    by: { sub: string; name: string };
    at: string;
  },
): Promise<void> {
  await db
    .insert(productionPlans)
    .values({
      orderNo: input.orderNo,
      revision: input.revision,
      plan: input.plan as unknown as Record<string, unknown>,
      createdBy: input.by.sub,
      createdAt: new Date(input.at),
    })
    .onConflictDoNothing();
}

async function recordException(db: Db, e: OrderException): Promise<void> {
  await db
    .insert(orderExceptions)
    .values({
      id: e.id,
      orderNo: e.orderNo,
      type: e.type,
      department: e.department,
      description: e.description,
      reportedBy: e.reportedBy.sub,
      reportedAt: new Date(e.reportedAt),
    })
    .onConflictDoNothing();
}

async function recordExceptionResolved(db: Db, input: { id: string; resolution: string; resolvedAt: string }): Promise<void> {
  await db
    .update(orderExceptions)
    .set({ resolution: input.resolution, resolvedAt: new Date(input.resolvedAt) })
    .where(eq(orderExceptions.id, input.id));
}

/** The order moved into or out of the urgent lane (001 §2): its row and its open tasks follow. */
async function recordUrgency(
  db: Db,
  input: {
    orderNo: string;
    urgent: boolean;
    urgentRules: string[];
    reason: string;
    tasks: (Pick<Task, 'id' | 'priority' | 'dueAt'> & { context: Record<string, unknown> | null })[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(orders).set({ urgent: input.urgent, urgentRules: input.urgentRules }).where(eq(orders.orderNo, input.orderNo));
    for (const t of input.tasks) {
      await tx
        .update(tasks)
        .set({ priority: t.priority === 'urgent' ? 1 : 0, dueAt: new Date(t.dueAt), context: t.context })
        .where(and(eq(tasks.id, t.id), notInArray(tasks.status, ['COMPLETED', 'CANCELLED'])));
    }
  });
}

export const createOrderActivities = (db: Db) => ({
  recordStatus: (input: Parameters<typeof recordStatus>[1]) => recordStatus(db, input),
  recordStageEntry: (input: Parameters<typeof recordStageEntry>[1]) => recordStageEntry(db, input),
  recordOrderVersion: (input: Parameters<typeof recordOrderVersion>[1]) => recordOrderVersion(db, input),
  recordSignOffs: (input: Parameters<typeof recordSignOffs>[1]) => recordSignOffs(db, input),
  recordProductionPlan: (input: Parameters<typeof recordProductionPlan>[1]) => recordProductionPlan(db, input),
  recordException: (input: Parameters<typeof recordException>[1]) => recordException(db, input),
  recordExceptionResolved: (input: Parameters<typeof recordExceptionResolved>[1]) => recordExceptionResolved(db, input),
  recordUrgency: (input: Parameters<typeof recordUrgency>[1]) => recordUrgency(db, input),
});
