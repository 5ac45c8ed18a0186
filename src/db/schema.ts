import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Projections of the order workflows: the workflow owns the state, these rows serve
// lists, inboxes and KPIs.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orders = pgTable('orders', {
  orderNo: text('order_no').primaryKey(),
  workflowId: text('workflow_id').notNull().unique(),
  status: text('status').notNull(),
  kind: text('kind').notNull(),
  urgent: boolean('urgent').notNull().default(false),
  urgentRules: jsonb('urgent_rules').$type<string[]>().notNull().default([]),
  customerId: text('customer_id').notNull(),
  customerName: text('customer_name').notNull(),
  version: integer('version').notNull().default(1),
  reviewRound: integer('review_round').notNull().default(0),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  policyVersion: text('policy_version').notNull(),
  /** The exact workflow input, so a start lost to a crash can be repeated identically. */
  startInput: jsonb('start_input').$type<Record<string, unknown>>().notNull(),
  workflowStarted: boolean('workflow_started').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  index('orders_status_idx').on(t.status),
  index('orders_customer_idx').on(t.customerId),
  index('orders_created_idx').on(t.createdAt, t.orderNo),
]);

export const orderVersions = pgTable('order_versions', {
  orderNo: text('order_no').notNull().references(() => orders.orderNo),
  version: integer('version').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  reason: text('reason').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orderNo, t.version] })]);

/** One row per day (policy time zone): the daily order sequence, advanced atomically. */
export const orderNumberSequences = pgTable('order_number_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const idempotencyKeys = pgTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  orderNo: text('order_no').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] })]);

export const tasks = pgTable('tasks', {
  /** Stable key: order number, step, round and department; a retried insert is a no-op. */
  id: text('id').primaryKey(),
  orderNo: text('order_no').notNull().references(() => orders.orderNo),
  department: text('department').notNull(),
  kind: text('kind').notNull(),
  step: text('step').notNull(),
  round: integer('round').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  /** 1 for urgent orders so they sort first in every inbox. */
  priority: integer('priority').notNull().default(0),
  dueAt: ts('due_at').notNull(),
  overdue: boolean('overdue').notNull().default(false),
  requiredRole: text('required_role'),
  outcomes: jsonb('outcomes').$type<string[]>().notNull(),
  context: jsonb('context').$type<Record<string, unknown>>(),
  assignee: text('assignee'),
  outcome: text('outcome'),
  comment: text('comment'),
  data: jsonb('data').$type<Record<string, unknown>>(),
  createdAt: ts('created_at').notNull(),
  claimedAt: ts('claimed_at'),
  completedAt: ts('completed_at'),
  completedBy: text('completed_by'),
  completedByName: text('completed_by_name'),
}, (t) => [
  index('tasks_inbox_idx').on(t.department, t.status, t.priority, t.dueAt),
  index('tasks_order_idx').on(t.orderNo),
]);

/** Every missed deadline, for the review-deadline compliance KPI. */
export const deadlineBreaches = pgTable('deadline_breaches', {
  taskId: text('task_id').primaryKey().references(() => tasks.id),
  orderNo: text('order_no').notNull(),
  department: text('department').notNull(),
  kind: text('kind').notNull(),
  dueAt: ts('due_at').notNull(),
  detectedAt: ts('detected_at').notNull(),
});

/** Review sign-offs: who approved each department's review, and when. */
export const signOffs = pgTable('sign_offs', {
  orderNo: text('order_no').notNull().references(() => orders.orderNo),
  round: integer('round').notNull(),
  department: text('department').notNull(),
  outcome: text('outcome').notNull(),
  signedBy: text('signed_by').notNull(),
  signedByName: text('signed_by_name').notNull(),
  signedAt: ts('signed_at').notNull(),
}, (t) => [primaryKey({ columns: [t.orderNo, t.round, t.department] })]);
