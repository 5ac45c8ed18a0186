import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { tasks } from '../../../db/schema';
import type { TaskStatus } from '../../../../workflows/order/types';
import { keyset } from '../../http/pagination';

export type TaskRow = typeof tasks.$inferSelect;

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export interface InboxFilter {
  /** Only these departments' tasks; undefined for every department. */
  departments?: string[];
  /** Only this status; undefined for the open ones (OPEN and CLAIMED). */
  status?: TaskStatus;
  orderNo?: string;
}

/** Urgent first, then by due time. */
const inboxOrder = keyset<TaskRow>([
  { column: tasks.priority, order: 'desc', kind: 'int', of: (t) => t.priority },
  { column: tasks.dueAt, order: 'asc', kind: 'timestamp', of: (t) => t.dueAt },
  { column: tasks.id, order: 'asc', kind: 'text', of: (t) => t.id },
]);

export async function listInbox(db: Db, filter: InboxFilter, cursor: string | undefined, limit: number) {
  const where: (SQL | undefined)[] = [inboxOrder.after(cursor)];
  if (filter.departments) where.push(inArray(tasks.department, filter.departments));
  where.push(filter.status ? eq(tasks.status, filter.status) : inArray(tasks.status, ['OPEN', 'CLAIMED']));
  if (filter.orderNo) where.push(eq(tasks.orderNo, filter.orderNo));
  const rows = await db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(...inboxOrder.orderBy)
    .limit(limit + 1);
  return inboxOrder.page(rows, limit);
}
