import { customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

// The audit archive: every run of a closed order's workflow history, kept after Temporal
// deletes it at the end of the namespace retention.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** One run of a closed workflow: its History protobuf, gzip-compressed. */
export const workflowHistoryArchive = pgTable(
  'workflow_history_archive',
  {
    workflowId: text('workflow_id').notNull(),
    runId: text('run_id').notNull(),
    /** 1 for the first run; continued runs count on. */
    runIndex: integer('run_index').notNull(),
    /** How the last run ended: COMPLETED, CANCELED, TERMINATED, FAILED, TIMED_OUT, CONTINUED_AS_NEW. */
    status: text('status').notNull(),
    eventCount: integer('event_count').notNull(),
    closedAt: ts('closed_at'),
    archivedAt: ts('archived_at').notNull(),
    history: bytea('history').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.runId] }), index('workflow_history_archive_run_idx').on(t.workflowId, t.runIndex)],
);
