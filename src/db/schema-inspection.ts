import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

// The parts of order inspection (002) the KPIs read: customer complaints and the issue
// log. The inspection process writes them; here they hold only what the KPIs need.

/** A customer complaint about an order (002 §3.3.2); the complaint-rate KPI counts them. */
export const complaints = pgTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [index('complaints_received_idx').on(t.receivedAt), index('complaints_order_idx').on(t.orderNo)],
);

/** A finding in the inspection issue log (002 §5.1); an order with one is not compliant. */
export const inspectionIssues = pgTable(
  'inspection_issues',
  {
    id: text('id').primaryKey(),
    orderNo: text('order_no'),
    department: text('department').notNull(),
    severity: text('severity').notNull(),
    foundAt: ts('found_at').notNull(),
    closedAt: ts('closed_at'),
    dueAt: ts('due_at'),
  },
  (t) => [index('inspection_issues_order_idx').on(t.orderNo)],
);
