import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inspectionIssues, issueEvents, tasks } from '../../../db/schema';
import { keyset } from '../../http/pagination';

export type IssueRow = typeof inspectionIssues.$inferSelect;

export interface IssueFilter {
  /** Only issues these departments are responsible for or found; undefined for all. */
  departments?: string[];
  status?: string;
  department?: string;
  severity?: string;
  orderNo?: string;
}

/** Newest first. */
const issueOrder = keyset<IssueRow>([
  { column: inspectionIssues.foundAt, order: 'desc', kind: 'timestamp', of: (r) => r.foundAt },
  { column: inspectionIssues.id, order: 'desc', kind: 'text', of: (r) => r.id },
]);

export async function listIssues(db: Db, f: IssueFilter, cursor: string | undefined, limit: number) {
  const where: (SQL | undefined)[] = [issueOrder.after(cursor)];
  if (f.departments)
    where.push(or(inArray(inspectionIssues.department, f.departments), inArray(inspectionIssues.foundByDepartment, f.departments)));
  if (f.status) where.push(eq(inspectionIssues.status, f.status));
  if (f.department) where.push(eq(inspectionIssues.department, f.department));
  if (f.severity) where.push(eq(inspectionIssues.severity, f.severity));
  if (f.orderNo) where.push(eq(inspectionIssues.orderNo, f.orderNo));
  const rows = await db
    .select()
    .from(inspectionIssues)
    .where(and(...where))
    .orderBy(...issueOrder.orderBy)
    .limit(limit + 1);
  return issueOrder.page(rows, limit);
}

export async function findIssue(db: Db, id: string): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(inspectionIssues).where(eq(inspectionIssues.id, id));
  return row;
}

/** The issue's own events and its tasks, for the timeline. */
export async function issueHistory(db: Db, id: string) {
  const events = await db.select().from(issueEvents).where(eq(issueEvents.issueId, id)).orderBy(asc(issueEvents.at), asc(issueEvents.id));
  const taskRows = await db.select().from(tasks).where(eq(tasks.subject, id)).orderBy(asc(tasks.createdAt), asc(tasks.id));
  return { events, taskRows };
}
