import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

// After-sales service (003 §5): the ticket projection the ticket workflow writes, and the
// spare-part stock its on-site visits draw from.

/**
 * One after-sales service ticket (003 §5.1–5.3). The ticket workflow owns it; these rows
 * feed the after-sales KPIs (003 §8.1): first response against its deadline, resolution
 * time and the satisfaction survey.
 */
export const serviceTickets = pgTable(
  'service_tickets',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no').notNull(),
    /** quality, usage, logistics, other */
    category: text('category').notNull(),
    /** RECEIVED, DISPATCHED, RESOLVING, EVALUATING, SURVEYING, CLOSED */
    status: text('status').notNull(),
    /** hotline or api */
    channel: text('channel').notNull().default('api'),
    problem: text('problem').notNull(),
    /** The customer's contact for this ticket (name, phone, e-mail): read by those allowed customer contact. */
    contact: jsonb('contact').$type<Record<string, unknown>>().notNull().default({}),
    /** The after-sales team it was dispatched to. */
    team: text('team'),
    receivedAt: ts('received_at').notNull(),
    /** Received plus the policy's first-response hours, in clock hours. */
    responseDueAt: ts('response_due_at').notNull(),
    firstResponseAt: ts('first_response_at'),
    /** remote or on_site: how it was finally resolved. */
    resolution: text('resolution'),
    onSiteVisits: integer('on_site_visits').notNull().default(0),
    /** Evaluations the customer answered "not resolved", each sending it back to resolution. */
    reopened: integer('reopened').notNull().default(0),
    resolvedAt: ts('resolved_at'),
    satisfactionScore: integer('satisfaction_score'),
    satisfactionComment: text('satisfaction_comment'),
    closedAt: ts('closed_at'),
    createdBy: text('created_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('service_tickets_received_idx').on(t.receivedAt),
    index('service_tickets_resolved_idx').on(t.resolvedAt),
    index('service_tickets_order_idx').on(t.orderNo),
    check('service_tickets_satisfaction_range', sql`${t.satisfactionScore} between 1 and 5`),
  ],
);

/** Spare parts in stock (003 §5.2.3), one row per part. */
export const spareParts = pgTable(
  'spare_parts',
  {
    sku: text('sku').primaryKey(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('pcs'),
    onHand: integer('on_hand').notNull().default(0),
    /** Below this, procurement is asked to replenish. */
    reorderLevel: integer('reorder_level').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('spare_parts_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check('spare_parts_reorder_level_nonnegative', sql`${t.reorderLevel} >= 0`),
  ],
);

/**
 * Every change to a part's stock: receipts and uses. The id is the caller's stable key (an
 * idempotency key, or a ticket visit and part), so a retried receipt or use changes nothing.
 */
export const sparePartMovements = pgTable(
  'spare_part_movements',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull(),
    /** Positive for a receipt, negative for a use. */
    delta: integer('delta').notNull(),
    kind: text('kind').notNull(),
    /** What it was for: a purchase or delivery note, a ticket visit. */
    reference: text('reference'),
    by: text('by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('spare_part_movements_sku_idx').on(t.sku, t.at)],
);

/** Everything that happened to a ticket, in order: its timeline. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    at: ts('at').notNull(),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    by: text('by'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);
