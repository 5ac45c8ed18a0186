import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

export * from './schema-after-sales';
export * from './schema-audit';
export * from './schema-inspection';
export * from './schema-kpis';
export * from './schema-risks-changes';

// Projections of the order workflows: the workflow owns the state, these rows serve
// lists, inboxes and KPIs.

export const orders = pgTable(
  'orders',
  {
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
    /** Why the order reached its current status, when the workflow gave a reason (a cancellation's). */
    statusReason: text('status_reason'),
    /** When the customer signed the delivery note (urgent processing time, on-time delivery). */
    deliveredAt: ts('delivered_at'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('orders_status_idx').on(t.status),
    index('orders_customer_idx').on(t.customerId),
    index('orders_created_idx').on(t.createdAt, t.orderNo),
    index('orders_delivered_idx').on(t.deliveredAt),
  ],
);

export const orderVersions = pgTable(
  'order_versions',
  {
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderNo, t.version] })],
);

/** One row per day (policy time zone): the daily order sequence, advanced atomically. */
export const orderNumberSequences = pgTable('order_number_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** Set in the transaction that claimed the key, once the order has its number. */
    orderNo: text('order_no'),
    /** SHA-256 of the request's canonical JSON: a key reused for another request is refused. */
    requestHash: text('request_hash').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const tasks = pgTable(
  'tasks',
  {
    /** Stable key: business key (order number, inspection or issue id), step, round and department; a retried insert is a no-op. */
    id: text('id').primaryKey(),
    /** The order the task is about; none for an issue found outside an order. */
    orderNo: text('order_no'),
    /** The workflow that owns the task and answers its Updates; null on older rows: the order's workflow. */
    workflowId: text('workflow_id'),
    /** What the task is about when it is not the order itself: an inspection's or an issue's id. */
    subject: text('subject'),
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
  },
  (t) => [
    index('tasks_inbox_idx').on(t.department, t.status, t.priority, t.dueAt),
    index('tasks_order_idx').on(t.orderNo),
    index('tasks_subject_idx').on(t.subject),
    // The KPIs select a period's tasks by kind and completion, and by deadline.
    index('tasks_kind_completed_idx').on(t.kind, t.completedAt),
    // Covering: a period's deadlines are counted from the index alone.
    index('tasks_due_idx').on(t.dueAt, t.department, t.kind, t.status, t.id),
    // Production's milestone reports, looked up per planned milestone (plan completion, 003 §8.1).
    index('tasks_milestones_idx')
      .on(t.orderNo)
      .where(sql`${t.kind} = 'milestone'`),
    // The few tasks that show an order's information did not hold (information accuracy, 002 §6.2.1).
    index('tasks_corrections_idx')
      .on(t.orderNo)
      .where(
        sql`(${t.kind} = 'renegotiation' and ${t.outcome} = 'revise') or (${t.kind} = 'customer_acceptance' and ${t.outcome} = 'rejected')`,
      ),
  ],
);

/** Every missed deadline, for the review-deadline compliance KPI. */
export const deadlineBreaches = pgTable(
  'deadline_breaches',
  {
    taskId: text('task_id')
      .primaryKey()
      .references(() => tasks.id),
    orderNo: text('order_no'),
    department: text('department').notNull(),
    kind: text('kind').notNull(),
    dueAt: ts('due_at').notNull(),
    detectedAt: ts('detected_at').notNull(),
  },
  (t) => [index('deadline_breaches_order_idx').on(t.orderNo)],
);

/** Review sign-offs: who approved each department's review, and when. */
export const signOffs = pgTable(
  'sign_offs',
  {
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    round: integer('round').notNull(),
    department: text('department').notNull(),
    outcome: text('outcome').notNull(),
    signedBy: text('signed_by').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedAt: ts('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderNo, t.round, t.department] })],
);

/** Customer progress reports (000 §4.4), one per interval while the order is open, plus any sales asks for. */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    seq: integer('seq').notNull(),
    trigger: text('trigger').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** PENDING while a channel is still trying, SENT, NOT_SENT (no channel configured) or FAILED. */
    deliveryStatus: text('delivery_status').notNull(),
    generatedAt: ts('generated_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('progress_reports_order_idx').on(t.orderNo, t.seq)],
);

/**
 * The outbox: every message to a department or the customer. Department messages are
 * delivered by being stored; customer messages go out by webhook or e-mail, retried by
 * the workflow's delivery activity.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** Unset for messages about no single order, such as a KPI alert to management. */
    orderNo: text('order_no'),
    topic: text('topic').notNull(),
    audience: text('audience').notNull(),
    channel: text('channel').notNull(),
    recipient: text('recipient'),
    subject: text('subject').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('notifications_audience_idx').on(t.audience, t.createdAt),
    index('notifications_order_idx').on(t.orderNo),
    index('notifications_topic_idx').on(t.topic, t.createdAt),
  ],
);

export const productionPlans = pgTable(
  'production_plans',
  {
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    revision: integer('revision').notNull(),
    plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
    /** The milestones' planned dates, kept by the database itself, so that a period's milestones are found by index. */
    plannedDates: jsonb('planned_dates')
      .$type<string[]>()
      .generatedAlwaysAs(sql`jsonb_path_query_array(plan, '$.milestones[*].plannedDate')`),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderNo, t.revision] }), index('production_plans_planned_idx').using('gin', t.plannedDates)],
);

/** Exceptions in execution (delay, quality problem, material shortage), 000 §4.4.2. */
export const orderExceptions = pgTable(
  'order_exceptions',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    type: text('type').notNull(),
    department: text('department').notNull(),
    description: text('description').notNull(),
    reportedBy: text('reported_by').notNull(),
    reportedAt: ts('reported_at').notNull(),
    resolution: text('resolution'),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [index('order_exceptions_order_idx').on(t.orderNo)],
);

/**
 * A projection write the database refused for good (bad text, a broken constraint). The
 * workflow went on; the rows of the order are stale until `npm run repair` rewrites them.
 */
export const projectionIncidents = pgTable(
  'projection_incidents',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no').notNull(),
    activity: text('activity').notNull(),
    error: text('error').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    repairedAt: ts('repaired_at'),
  },
  (t) => [index('projection_incidents_order_idx').on(t.orderNo, t.repairedAt)],
);
