import { and, asc, desc, eq, exists, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { orders, signOffs, tasks } from '../../../db/schema';
import type { OrderRow } from '../../../orders/intake';
import type { OrderStatus } from '../../../../workflows/order/types';
import { keyset } from '../../http/pagination';

export const openStatuses = ['OPEN', 'CLAIMED'];

export async function findOrder(db: Db, orderNo: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
  return row;
}

/** Departments that have or had a task on the order. */
export async function taskDepartmentsOf(db: Db, orderNo: string): Promise<string[]> {
  const rows = await db.selectDistinct({ department: tasks.department }).from(tasks).where(eq(tasks.orderNo, orderNo));
  return rows.map((r) => r.department);
}

export interface OrderFilter {
  status?: OrderStatus;
  customerId?: string;
  urgent?: boolean;
  /** Only orders on which one of these departments has or had a task; undefined for all. */
  taskDepartments?: string[];
}

/** Newest first. */
const newestFirst = keyset<OrderRow>([
  { column: orders.createdAt, order: 'desc', kind: 'timestamp', of: (r) => r.createdAt },
  { column: orders.orderNo, order: 'desc', kind: 'text', of: (r) => r.orderNo },
]);

export async function listOrders(db: Db, filter: OrderFilter, cursor: string | undefined, limit: number) {
  const where: (SQL | undefined)[] = [newestFirst.after(cursor)];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.customerId) where.push(eq(orders.customerId, filter.customerId));
  if (filter.urgent !== undefined) where.push(eq(orders.urgent, filter.urgent));
  if (filter.taskDepartments) {
    where.push(
      exists(
        db
          .select({ one: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.orderNo, orders.orderNo), inArray(tasks.department, filter.taskDepartments))),
      ),
    );
  }
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(...newestFirst.orderBy)
    .limit(limit + 1);
  return newestFirst.page(rows, limit);
}

export async function openTasksOf(db: Db, orderNo: string) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orderNo, orderNo), inArray(tasks.status, openStatuses)))
    .orderBy(desc(tasks.priority), asc(tasks.dueAt), asc(tasks.id));
}

export async function signOffsOf(db: Db, orderNo: string) {
  return db.select().from(signOffs).where(eq(signOffs.orderNo, orderNo)).orderBy(asc(signOffs.round), asc(signOffs.department));
}
