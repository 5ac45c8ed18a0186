import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { complaints, inspectionIssues, inspections, issueEvents, orders } from '../src/db/schema';
import type { InspectionKind, IssueRecord, IssueStatus } from '../workflows/inspection/types';
import { loadOrderFacts } from './order-facts';

// The inspection workflows' writes and reads: inspection runs, the issue log and its
// timeline, complaint replies, and the orders each kind of inspection looks at. Every write
// is keyed by the run's or the issue's id, so a retry changes nothing.

/** The statuses of the orders each scheduled inspection goes through. */
const kindStatuses: Partial<Record<InspectionKind, string[]>> = {
  operations: ['PLANNING', 'PROCURING', 'IN_PRODUCTION', 'INSPECTING'],
  logistics: ['SHIPPING', 'DELIVERED'],
  finance: ['CONTRACTING', 'PLANNING', 'PROCURING', 'IN_PRODUCTION', 'INSPECTING', 'SHIPPING', 'DELIVERED', 'CLOSED'],
};

export interface InspectionRow {
  id: string;
  kind: InspectionKind;
  department: string;
  status: string;
  orderNos: string[];
  findings: Record<string, unknown>[];
  decisions?: Record<string, unknown>[];
  issueIds?: string[];
  sample?: Record<string, unknown>;
  complaintId?: string;
  scheduleId?: string;
  startedBy: string;
  startedAt: string;
  completedAt?: string;
}

export interface IssueState extends IssueRecord {
  status: IssueStatus;
  cycle: number;
  reopened: number;
  overdue: number;
  dueAt?: string;
  closedAt?: string;
  rootCause?: string;
  plan?: Record<string, unknown>;
  at: string;
}

function inspectionRowOf(row: InspectionRow) {
  return {
    ...row,
    startedAt: new Date(row.startedAt),
    completedAt: row.completedAt ? new Date(row.completedAt) : null,
    decisions: row.decisions ?? [],
    issueIds: row.issueIds ?? [],
    sample: row.sample ?? null,
    complaintId: row.complaintId ?? null,
    scheduleId: row.scheduleId ?? null,
  };
}

/** The issue log's row for an issue's state. */
function issueRowOf(s: IssueState) {
  return {
    id: s.id,
    orderNo: s.orderNo ?? null,
    inspectionId: s.inspectionId ?? null,
    inspectionKind: s.inspectionKind ?? null,
    check: s.check ?? null,
    department: s.department,
    severity: s.severity,
    content: s.content,
    impact: s.impact,
    status: s.status,
    foundAt: new Date(s.foundAt),
    foundBy: s.foundBy.name,
    foundByDepartment: s.foundByDepartment,
    dueAt: s.dueAt ? new Date(s.dueAt) : null,
    closedAt: s.closedAt ? new Date(s.closedAt) : null,
    cycle: s.cycle,
    reopened: s.reopened,
    overdue: s.overdue,
    rootCause: s.rootCause ?? null,
    plan: s.plan ?? null,
    updatedAt: new Date(s.at),
  };
}

export const createInspectionActivities = (db: Db) => ({
  /** The orders a scheduled inspection looks at, by number. */
  async inspectionOrders(input: { kind: InspectionKind }): Promise<string[]> {
    const statuses = kindStatuses[input.kind] ?? [];
    if (statuses.length === 0) return [];
    const rows = await db
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(inArray(orders.status, statuses))
      .orderBy(asc(orders.orderNo));
    return rows.map((r) => r.orderNo);
  },

  /** Orders received in a period (local dates, inclusive), to draw an audit sample from; sorted so that a draw is repeatable. */
  async auditCandidates(input: { from: string; to: string; timeZone: string }): Promise<string[]> {
    const local = sql`(${orders.createdAt} at time zone ${input.timeZone})::date`;
    const rows = await db
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(and(gte(local, sql`${input.from}::date`), lt(local, sql`${input.to}::date + 1`)))
      .orderBy(asc(orders.orderNo));
    return rows.map((r) => r.orderNo);
  },

  loadOrderFacts: (input: { orderNos: string[] }) => loadOrderFacts(db, input.orderNos),

  async recordInspection(row: InspectionRow): Promise<void> {
    const values = inspectionRowOf(row);
    const { id: _id, ...changes } = values;
    await db.insert(inspections).values(values).onConflictDoUpdate({ target: inspections.id, set: changes });
  },

  async recordIssue(s: IssueState): Promise<void> {
    const values = issueRowOf(s);
    const { id: _id, ...changes } = values;
    await db.insert(inspectionIssues).values(values).onConflictDoUpdate({ target: inspectionIssues.id, set: changes });
  },

  async recordIssueEvent(e: {
    id: string;
    issueId: string;
    at: string;
    type: string;
    summary: string;
    by?: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await db
      .insert(issueEvents)
      .values({ ...e, at: new Date(e.at), by: e.by ?? null, details: e.details ?? null })
      .onConflictDoNothing({ target: issueEvents.id });
  },

  async recordComplaintReply(input: { complaintId: string; reply: string; by: string; at: string }): Promise<void> {
    await db
      .update(complaints)
      .set({ reply: input.reply, repliedBy: input.by, repliedAt: new Date(input.at) })
      .where(eq(complaints.id, input.complaintId));
  },
});
