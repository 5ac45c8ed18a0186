import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inspectionIssues, inspections, inspectionSummaries, issueEvents } from '../../../db/schema';
import { keyset } from '../../http/pagination';

export type InspectionRow = typeof inspections.$inferSelect;

const inspectionOrder = keyset<InspectionRow>([
  { column: inspections.startedAt, order: 'desc', kind: 'timestamp', of: (r) => r.startedAt },
  { column: inspections.id, order: 'desc', kind: 'text', of: (r) => r.id },
]);

export async function listInspections(db: Db, f: { departments?: string[]; kind?: string }, cursor: string | undefined, limit: number) {
  const where: (SQL | undefined)[] = [inspectionOrder.after(cursor)];
  if (f.departments) where.push(inArray(inspections.department, f.departments));
  if (f.kind) where.push(eq(inspections.kind, f.kind));
  const rows = await db
    .select()
    .from(inspections)
    .where(and(...where))
    .orderBy(...inspectionOrder.orderBy)
    .limit(limit + 1);
  return inspectionOrder.page(rows, limit);
}

export async function findInspection(db: Db, id: string): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
  return row;
}

export interface SummaryLine {
  found: number;
  closed: number;
  overdue: number;
  reopened: number;
}
export interface MonthSummary {
  month: string;
  byDepartment: Record<string, SummaryLine>;
  byKind: Record<string, SummaryLine>;
  total: SummaryLine;
}

const blank = (): SummaryLine => ({ found: 0, closed: 0, overdue: 0, reopened: 0 });

/**
 * 002 §5.5.1: per responsible department and per inspection kind, the issues found and
 * closed in the month, those whose rectification date passed in the month unclosed (or
 * closed late), and the verifications that failed and reopened an issue.
 */
export async function computeSummary(db: Db, month: string, start: Date, end: Date): Promise<MonthSummary> {
  const rows = await db.select().from(inspectionIssues);
  const reopenEvents = await db
    .select({ issueId: issueEvents.issueId })
    .from(issueEvents)
    .where(and(eq(issueEvents.type, 'verification_failed'), gte(issueEvents.at, start), lt(issueEvents.at, end)));
  const summary: MonthSummary = { month, byDepartment: {}, byKind: {}, total: blank() };
  const inMonth = (d: Date | null) => !!d && d >= start && d < end;
  const add = (r: (typeof rows)[number], field: keyof SummaryLine) => {
    for (const line of [
      (summary.byDepartment[r.department] ??= blank()),
      (summary.byKind[r.inspectionKind ?? 'manual'] ??= blank()),
      summary.total,
    ])
      line[field]++;
  };
  for (const r of rows) {
    if (inMonth(r.foundAt)) add(r, 'found');
    if (inMonth(r.closedAt)) add(r, 'closed');
    if (r.dueAt && inMonth(r.dueAt) && (!r.closedAt || r.closedAt > r.dueAt)) add(r, 'overdue');
  }
  for (const e of reopenEvents) {
    const r = rows.find((x) => x.id === e.issueId);
    if (r) add(r, 'reopened');
  }
  return summary;
}

export async function storedSummary(db: Db, month: string): Promise<MonthSummary | undefined> {
  const [row] = await db.select().from(inspectionSummaries).where(eq(inspectionSummaries.month, month));
  return row?.data as unknown as MonthSummary | undefined;
}

export async function storeSummary(db: Db, s: MonthSummary, at: Date): Promise<void> {
  await db
    .insert(inspectionSummaries)
    .values({ month: s.month, data: s as unknown as Record<string, unknown>, createdAt: at })
    .onConflictDoNothing({ target: inspectionSummaries.month });
}
