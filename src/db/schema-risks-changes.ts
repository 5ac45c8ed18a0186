import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { orders } from './schema';

// Projections of an order's risk ratings and events, its change requests and its receivables.

export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    trigger: text('trigger').notNull(),
    level: text('level').notNull(),
    dimensions: jsonb('dimensions').$type<Record<string, unknown>>().notNull(),
    assessedAt: ts('assessed_at').notNull(),
  },
  (t) => [index('risk_assessments_order_idx').on(t.orderNo, t.assessedAt)],
);

/** Risk events (claims, delays, supply failures, quality problems) for the risk-event KPI. */
export const riskEvents = pgTable(
  'risk_events',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    type: text('type').notNull(),
    description: text('description').notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [index('risk_events_order_idx').on(t.orderNo), index('risk_events_occurred_idx').on(t.occurredAt)],
);

/** Change requests (000 §6, 003 §3.2): every request, opinion and agreement. */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    seq: integer('seq').notNull(),
    status: text('status').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    impact: jsonb('impact').$type<Record<string, unknown>>().notNull(),
    departments: jsonb('departments').$type<string[]>().notNull(),
    opinions: jsonb('opinions').$type<Record<string, unknown>[]>().notNull(),
    agreement: jsonb('agreement').$type<Record<string, unknown>>(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('change_requests_order_idx').on(t.orderNo, t.seq)],
);

/** An order's receivables as its receivables workflow last told them: terms, invoices, payments. */
export const orderReceivables = pgTable('order_receivables', {
  orderNo: text('order_no')
    .primaryKey()
    .references(() => orders.orderNo),
  currency: text('currency').notNull(),
  contractTotal: doublePrecision('contract_total').notNull(),
  instalments: jsonb('instalments').$type<Record<string, unknown>[]>().notNull(),
  invoices: jsonb('invoices').$type<Record<string, unknown>[]>().notNull(),
  payments: jsonb('payments').$type<Record<string, unknown>[]>().notNull(),
  invoicedTotal: doublePrecision('invoiced_total').notNull(),
  paidTotal: doublePrecision('paid_total').notNull(),
  settled: integer('settled').notNull().default(0),
  updatedAt: ts('updated_at').notNull(),
});
