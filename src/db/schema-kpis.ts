import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

// KPI publication and monitoring (001 §6.1.2, 002 §6.3.1, 003 §6.3, 003 §8.2).

/**
 * A month's KPI report as published. A stored revision never changes; a recompute is the
 * next revision with its own time.
 */
export const kpiReports = pgTable(
  'kpi_reports',
  {
    /** YYYY-MM in the policy time zone. */
    month: text('month').notNull(),
    revision: integer('revision').notNull(),
    timeZone: text('time_zone').notNull(),
    kpis: jsonb('kpis').$type<Record<string, unknown>[]>().notNull(),
    storedAt: ts('stored_at').notNull(),
    /** 'schedule' for the month-end run, or who asked for the recompute. */
    storedBy: text('stored_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.revision] })],
);

/**
 * Where each monitored indicator stands against its threshold (003 §6.3). Management hears
 * of a crossing once: when `crossed` turns true; again only after it has turned false.
 */
export const kpiAlertStates = pgTable(
  'kpi_alert_states',
  {
    /** The KPI id, and its department ('' for the company's figure). */
    kpi: text('kpi').notNull(),
    department: text('department').notNull(),
    crossed: boolean('crossed').notNull().default(false),
    /** How many times it has crossed; the n-th crossing's notice is keyed by n. */
    crossings: integer('crossings').notNull().default(0),
    value: doublePrecision('value'),
    threshold: jsonb('threshold').$type<Record<string, unknown>>().notNull(),
    checkedAt: ts('checked_at').notNull(),
    changedAt: ts('changed_at'),
  },
  (t) => [primaryKey({ columns: [t.kpi, t.department] })],
);
