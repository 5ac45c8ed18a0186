import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { orders, tasks } from '../../../db/schema';

/** Urgent orders received in [from, until), oldest first. */
export async function urgentOrdersReceived(db: Db, from: Date, until: Date) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.urgent, true), gte(orders.createdAt, from), lt(orders.createdAt, until)))
    .orderBy(asc(orders.createdAt), asc(orders.orderNo));
}

/** The tasks that feed the urgent-order score: negotiations and customer acceptances. */
export async function scoringTasks(db: Db, orderNos: string[]) {
  if (orderNos.length === 0) return [];
  return db
    .select()
    .from(tasks)
    .where(and(inArray(tasks.orderNo, orderNos), inArray(tasks.kind, ['urgent_negotiation', 'customer_acceptance'])));
}

/** The first final inspection of each order: first-pass quality. */
export const firstInspectionId = (orderNo: string): string => `${orderNo}.final-inspection.r1.quality`;

export async function firstInspections(db: Db, orderNos: string[]) {
  if (orderNos.length === 0) return new Map<string, { outcome: string | null }>();
  const rows = await db
    .select({ id: tasks.id, outcome: tasks.outcome })
    .from(tasks)
    .where(inArray(tasks.id, orderNos.map(firstInspectionId)));
  return new Map(rows.map((t) => [t.id, t]));
}
