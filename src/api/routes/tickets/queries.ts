import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { serviceTickets, tasks, ticketEvents } from '../../../db/schema';
import { keyset } from '../../http/pagination';

export type TicketRow = typeof serviceTickets.$inferSelect;

/** Newest first. */
const ticketOrder = keyset<TicketRow>([
  { column: serviceTickets.receivedAt, order: 'desc', kind: 'timestamp', of: (r) => r.receivedAt },
  { column: serviceTickets.id, order: 'desc', kind: 'text', of: (r) => r.id },
]);

export async function listTickets(db: Db, f: { status?: string; orderNo?: string }, cursor: string | undefined, limit: number) {
  const where: (SQL | undefined)[] = [ticketOrder.after(cursor)];
  if (f.status) where.push(eq(serviceTickets.status, f.status));
  if (f.orderNo) where.push(eq(serviceTickets.orderNo, f.orderNo));
  const rows = await db
    .select()
    .from(serviceTickets)
    .where(and(...where))
    .orderBy(...ticketOrder.orderBy)
    .limit(limit + 1);
  return ticketOrder.page(rows, limit);
}

export async function findTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(serviceTickets).where(eq(serviceTickets.id, id));
  return row;
}

/** The ticket's own events and its tasks, for the timeline. */
export async function ticketHistory(db: Db, id: string) {
  const events = await db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, id))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
  const taskRows = await db.select().from(tasks).where(eq(tasks.subject, id)).orderBy(asc(tasks.createdAt), asc(tasks.id));
  return { events, taskRows };
}
