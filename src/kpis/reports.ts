import { and, desc, eq, sql } from 'drizzle-orm';
import { zonedTime } from '../../workflows/calendar';
import { calendarOf, type Policy } from '../../workflows/policy';
import type { Db } from '../db/client';
import { kpiReports } from '../db/schema';
import { ApiError } from '../orders/errors';
import { computeKpis } from './compute';
import type { Kpi } from './kpi';
import { kpiPeriod, monthDays, nextDay } from './period';

// Monthly publication (001 §6.1.2, 002 §6.3.1, 003 §8.2): when a month has ended its
// report is stored once. A stored revision never changes, whatever data arrives later;
// a recompute is stored as the next revision with its own time.

export interface StoredReport {
  month: string;
  revision: number;
  storedAt: string;
  kpis: Kpi[];
}

type Row = typeof kpiReports.$inferSelect;

const view = (r: Row): StoredReport => ({
  month: r.month,
  revision: r.revision,
  storedAt: r.storedAt.toISOString(),
  kpis: r.kpis as unknown as Kpi[],
});

/** The instant a month (YYYY-MM) ends in the policy time zone. */
export function monthEnd(policy: Policy, month: string): Date {
  return zonedTime(calendarOf(policy), nextDay(monthDays(month).to), '00:00');
}

export async function readReport(db: Db, month: string, revision?: number): Promise<StoredReport | undefined> {
  const [row] = await db
    .select()
    .from(kpiReports)
    .where(and(eq(kpiReports.month, month), revision === undefined ? undefined : eq(kpiReports.revision, revision)))
    .orderBy(desc(kpiReports.revision))
    .limit(1);
  return row ? view(row) : undefined;
}

/**
 * Stores the month's report. Without `recompute` it stores revision 1 only if the month
 * has none yet (a retried or repeated run changes nothing) and answers the stored one;
 * with it, it stores the next revision.
 */
export async function storeMonthlyReport(
  db: Db,
  policy: Policy,
  month: string,
  opts: { recompute: boolean; by: string; now?: Date },
): Promise<StoredReport & { created: boolean }> {
  const now = opts.now ?? new Date();
  if (now < monthEnd(policy, month)) throw new ApiError(409, 'MONTH_NOT_OVER', `${month} has not ended yet in ${policy.timeZone}`);
  if (!opts.recompute) {
    const stored = await readReport(db, month);
    if (stored) return { ...stored, created: false };
  }
  const { from, to } = monthDays(month);
  const kpis = await computeKpis(db, policy, kpiPeriod(policy, from, to, now));
  const next = opts.recompute
    ? sql`(select coalesce(max(${kpiReports.revision}), 0) + 1 from ${kpiReports} where ${kpiReports.month} = ${month})`
    : sql`1`;
  const [row] = await db
    .insert(kpiReports)
    .values({
      month,
      revision: next,
      timeZone: policy.timeZone,
      kpis: kpis as unknown as Record<string, unknown>[],
      storedAt: now,
      storedBy: opts.by,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return { ...view(row), created: true };
  // Another run stored it first (or, for a recompute, took the same revision): answer what is stored.
  if (opts.recompute) return storeMonthlyReport(db, policy, month, opts);
  return { ...(await readReport(db, month))!, created: false };
}
