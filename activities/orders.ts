import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { orderExceptions, orders, orderVersions, productionPlans, signOffs, tasks } from '../src/db/schema';
import type { OrderInput } from '../src/orders/schema';
import type { OrderException, OrderStatus, ProductionPlan, SignOff, Task } from '../workflows/order/types';

export const createOrderActivities = (db: Db) => ({
  /** Projects the workflow's business status onto the order row. */
  async recordStatus(input: { orderNo: string; status: OrderStatus; reviewRound: number; at: string; reason?: string }): Promise<void> {
    await db
      .update(orders)
      .set({
        status: input.status,
        reviewRound: input.reviewRound,
        updatedAt: new Date(input.at),
        workflowStarted: true,
        ...(input.status === 'DELIVERED' ? { deliveredAt: new Date(input.at) } : {}),
      })
      .where(eq(orders.orderNo, input.orderNo));
  },

  /** Stores order version n+1 (a revision after renegotiation) and makes it current. */
  async recordOrderVersion(input: {
    orderNo: string;
    version: number;
    order: OrderInput;
    reason: string;
    by: { sub: string; name: string };
    at: string;
  }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .insert(orderVersions)
        .values({
          orderNo: input.orderNo,
          version: input.version,
          data: input.order as unknown as Record<string, unknown>,
          reason: input.reason,
          createdBy: input.by.sub,
          createdAt: new Date(input.at),
        })
        .onConflictDoNothing();
      await tx
        .update(orders)
        .set({
          version: input.version,
          data: input.order as unknown as Record<string, unknown>,
          customerId: input.order.customer.id,
          customerName: input.order.customer.name,
          updatedAt: new Date(input.at),
        })
        .where(eq(orders.orderNo, input.orderNo));
    });
  },

  async recordSignOffs(input: { orderNo: string; round: number; signOffs: SignOff[] }): Promise<void> {
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
  },

  async recordProductionPlan(input: {
    orderNo: string;
    revision: number;
    plan: ProductionPlan;
    by: { sub: string; name: string };
    at: string;
  }): Promise<void> {
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
  },

  async recordException(e: OrderException): Promise<void> {
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
  },

  async recordExceptionResolved(input: { id: string; resolution: string; resolvedAt: string }): Promise<void> {
    await db
      .update(orderExceptions)
      .set({ resolution: input.resolution, resolvedAt: new Date(input.resolvedAt) })
      .where(eq(orderExceptions.id, input.id));
  },

  /** The order moved into or out of the urgent lane (001 §2): its row and its open tasks follow. */
  async recordUrgency(input: {
    orderNo: string;
    urgent: boolean;
    urgentRules: string[];
    reason: string;
    tasks: (Pick<Task, 'id' | 'priority' | 'dueAt'> & { context: Record<string, unknown> | null })[];
  }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.update(orders).set({ urgent: input.urgent, urgentRules: input.urgentRules }).where(eq(orders.orderNo, input.orderNo));
      for (const t of input.tasks) {
        await tx
          .update(tasks)
          .set({ priority: t.priority === 'urgent' ? 1 : 0, dueAt: new Date(t.dueAt), context: t.context })
          .where(and(eq(tasks.id, t.id), notInArray(tasks.status, ['COMPLETED', 'CANCELLED'])));
      }
    });
  },
});
