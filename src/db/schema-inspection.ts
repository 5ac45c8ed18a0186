import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

// Projections of the inspection policy (002): inspection runs, the issue log with its
// timeline, complaints and the monthly summaries. The workflows own the state.

/** One inspection run: scheduled (operations, logistics, finance), after a complaint, or an audit sample. */
export const inspections = pgTable(
  'inspections',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    department: text('department').notNull(),
    /** CHECKING, REVIEWING, DONE, or SKIPPED (a finance run on a day that is not the month's first working day). */
    status: text('status').notNull(),
    orderNos: jsonb('order_nos').$type<string[]>().notNull().default([]),
    findings: jsonb('findings').$type<Record<string, unknown>[]>().notNull().default([]),
    decisions: jsonb('decisions').$type<Record<string, unknown>[]>().notNull().default([]),
    issueIds: jsonb('issue_ids').$type<string[]>().notNull().default([]),
    /** An audit sample: the period, the size asked for and the orders drawn from. */
    sample: jsonb('sample').$type<Record<string, unknown>>(),
    complaintId: text('complaint_id'),
    scheduleId: text('schedule_id'),
    startedBy: text('started_by').notNull(),
    startedAt: ts('started_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [index('inspections_started_idx').on(t.startedAt, t.id), index('inspections_kind_idx').on(t.kind, t.startedAt)],
);

/** The issue log (002 §5.1): one row per issue, its state as its workflow last told it. */
export const inspectionIssues = pgTable(
  'inspection_issues',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no'),
    inspectionId: text('inspection_id'),
    inspectionKind: text('inspection_kind'),
    check: text('check'),
    /** The responsible department. */
    department: text('department').notNull(),
    severity: text('severity').notNull(),
    content: text('content').notNull(),
    impact: text('impact').notNull(),
    /** ANALYSING, PLANNING, RECTIFYING, VERIFYING, CLOSED. */
    status: text('status').notNull(),
    foundAt: ts('found_at').notNull(),
    foundBy: text('found_by').notNull(),
    foundByDepartment: text('found_by_department').notNull(),
    /** The rectification's due date (end of its working day), once planned. */
    dueAt: ts('due_at'),
    closedAt: ts('closed_at'),
    cycle: integer('cycle').notNull().default(1),
    /** How often verification failed and sent the issue back to its root cause. */
    reopened: integer('reopened').notNull().default(0),
    overdue: integer('overdue').notNull().default(0),
    rootCause: text('root_cause'),
    plan: jsonb('plan').$type<Record<string, unknown>>(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('inspection_issues_found_idx').on(t.foundAt, t.id),
    index('inspection_issues_status_idx').on(t.status, t.foundAt),
    index('inspection_issues_department_idx').on(t.department, t.foundAt),
    index('inspection_issues_order_idx').on(t.orderNo),
  ],
);

/** Everything that happened to an issue, in order. */
export const issueEvents = pgTable(
  'issue_events',
  {
    id: text('id').primaryKey(),
    issueId: text('issue_id').notNull(),
    at: ts('at').notNull(),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    by: text('by'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('issue_events_issue_idx').on(t.issueId, t.at)],
);

/** Customer complaints (002 §3.3.2) and the reply to each. */
export const complaints = pgTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no').notNull(),
    receivedAt: ts('received_at').notNull(),
    content: text('content').notNull(),
    channel: text('channel').notNull(),
    receivedBy: text('received_by').notNull(),
    inspectionId: text('inspection_id').notNull(),
    replyDueAt: ts('reply_due_at'),
    reply: text('reply'),
    repliedAt: ts('replied_at'),
    repliedBy: text('replied_by'),
  },
  (t) => [index('complaints_order_idx').on(t.orderNo, t.receivedAt), index('complaints_received_idx').on(t.receivedAt)],
);

/** The monthly inspection summary (002 §5.5.1), stored once the month has ended. */
export const inspectionSummaries = pgTable('inspection_summaries', {
  month: text('month').primaryKey(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  createdAt: ts('created_at').notNull(),
});
