import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import { ticketWorkflowId, ticketWorkflowType } from '../../workflows/after-sales/messages';
import type { TicketCategory, TicketWorkflowInput } from '../../workflows/after-sales/types';
import { addClockHours, addWorkingHours } from '../../workflows/calendar';
import { calendarOf, type PolicySnapshot } from '../../workflows/policy';
import { fileComplaint } from '../complaints/file';
import type { Db } from '../db/client';
import { orders, serviceTickets, ticketEvents } from '../db/schema';
import { ApiError } from '../orders/errors';

// 003 §5: a customer's service request about a delivered order becomes a ticket: its row,
// its workflow, and for a quality problem a complaint the inspection policy follows up.

export type TicketRow = typeof serviceTickets.$inferSelect;

/** Orders whose goods the customer has: only these get after-sales service. */
const served = ['DELIVERED', 'CLOSED'];

export interface TicketDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  call: <T>(call: () => Promise<T>) => Promise<T>;
}

export interface TicketRequest {
  orderNo: string;
  contact: { name: string; phone?: string; email?: string };
  problem: string;
  category: TicketCategory;
  by: { sub: string; name: string };
  key?: string;
}

/** The ticket's row, stored once per key, with its workflow started; 404/409 for an order not served. */
export async function openTicket(deps: TicketDeps, req: TicketRequest): Promise<TicketRow> {
  const id = `TKT-${req.key ? createHash('sha256').update(`${req.by.sub}:${req.key}`).digest('hex').slice(0, 16) : randomUUID()}`;
  const [existing] = await deps.db.select().from(serviceTickets).where(eq(serviceTickets.id, id));
  if (existing) return existing;
  const [order] = await deps.db.select({ status: orders.status }).from(orders).where(eq(orders.orderNo, req.orderNo));
  if (!order) throw new ApiError(404, 'NOT_FOUND', `order ${req.orderNo} does not exist`);
  if (!served.includes(order.status))
    throw new ApiError(
      409,
      'ORDER_NOT_DELIVERED',
      `order ${req.orderNo} is ${order.status}: after-sales service starts once it is delivered`,
    );
  const { policy } = deps.policy;
  const receivedAt = new Date();
  const hours = policy.deadlines.afterSalesFirstResponseHours;
  const responseDueAt =
    policy.deadlines.hourDeadlines === 'working'
      ? addWorkingHours(calendarOf(policy), receivedAt, hours)
      : addClockHours(receivedAt, hours);
  const row = {
    id,
    orderNo: req.orderNo,
    category: req.category,
    status: 'RECEIVED',
    problem: req.problem,
    contact: req.contact,
    receivedAt,
    responseDueAt,
    createdBy: req.by.name,
  };
  await deps.db.transaction(async (tx) => {
    await tx.insert(serviceTickets).values(row);
    await tx.insert(ticketEvents).values({
      id: `${id}.received`,
      ticketId: id,
      at: receivedAt,
      type: 'received',
      summary: `${req.category} ticket received: ${req.problem}`,
      by: req.by.name,
    });
  });
  const input: TicketWorkflowInput = {
    ticket: {
      id,
      orderNo: req.orderNo,
      category: req.category,
      problem: req.problem,
      receivedAt: receivedAt.toISOString(),
      receivedBy: req.by,
    },
    policy: deps.policy,
  };
  await deps.call(() =>
    deps.temporal.workflow.start(ticketWorkflowType, { workflowId: ticketWorkflowId(id), taskQueue: deps.taskQueue, args: [input] }),
  );
  if (req.category === 'quality') await fileQualityComplaint(deps, id, req);
  const [stored] = await deps.db.select().from(serviceTickets).where(eq(serviceTickets.id, id));
  return stored;
}

/** A quality problem is also a complaint on the order (002 §3.3.2), filed once per ticket. */
async function fileQualityComplaint(deps: TicketDeps, ticketId: string, req: TicketRequest): Promise<void> {
  const complaint = await fileComplaint(deps, {
    orderNo: req.orderNo,
    content: `Quality problem reported in ticket ${ticketId}: ${req.problem}`,
    channel: 'after_sales',
    by: req.by,
    key: `ticket:${ticketId}`,
  });
  await deps.db
    .insert(ticketEvents)
    .values({
      id: `${ticketId}.complaint`,
      ticketId,
      at: complaint.receivedAt,
      type: 'complaint_filed',
      summary: `Complaint ${complaint.id} filed on order ${req.orderNo}; the order is inspected`,
      by: req.by.name,
      details: { complaintId: complaint.id, inspectionId: complaint.inspectionId },
    })
    .onConflictDoNothing();
}
