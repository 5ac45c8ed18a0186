import { sql, type SQL } from 'drizzle-orm';
import type { KpiPeriod } from '../period';

// The period's bounds as SQL parameters. Instants go as ISO text cast to timestamptz, so
// that every driver sends them alike.

export const instant = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/** `column` falls within the period: from its first local midnight up to, not including, the one after its last day. */
export const within = (column: SQL, p: KpiPeriod): SQL => sql`(${column} >= ${instant(p.start)} and ${column} < ${instant(p.end)})`;

/** When the figures are taken: a deadline after it has not passed yet. */
export const asOf = (p: KpiPeriod): SQL => instant(p.asOf);
