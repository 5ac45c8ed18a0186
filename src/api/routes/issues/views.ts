import { z } from 'zod';
import { issueStatuses } from '../../../../workflows/inspection/types';
import { isoInstant } from '../../http/schemas';
import type { issueHistory, IssueRow } from './queries';

export const issueSummarySchema = z.object({
  id: z.string(),
  orderNo: z.string().nullable(),
  inspectionId: z.string().nullable(),
  inspectionKind: z.string().nullable(),
  check: z.string().nullable(),
  department: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  content: z.string(),
  impact: z.string(),
  status: z.enum(issueStatuses),
  foundAt: isoInstant,
  foundBy: z.string(),
  foundByDepartment: z.string(),
  dueAt: isoInstant.nullable(),
  closedAt: isoInstant.nullable(),
  cycle: z.number().int(),
  reopened: z.number().int(),
});

const timelineEntry = z.object({
  at: isoInstant,
  type: z.string(),
  summary: z.string(),
  by: z.string().nullable(),
  taskId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const issueDetailSchema = issueSummarySchema.extend({
  rootCause: z.string().nullable(),
  plan: z.record(z.string(), z.unknown()).nullable(),
  timeline: z.array(timelineEntry),
});

export function issueSummary(r: IssueRow): z.infer<typeof issueSummarySchema> {
  return {
    id: r.id,
    orderNo: r.orderNo,
    inspectionId: r.inspectionId,
    inspectionKind: r.inspectionKind,
    check: r.check,
    department: r.department,
    severity: r.severity as 'high',
    content: r.content,
    impact: r.impact,
    status: r.status as 'CLOSED',
    foundAt: r.foundAt.toISOString(),
    foundBy: r.foundBy,
    foundByDepartment: r.foundByDepartment,
    dueAt: r.dueAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    cycle: r.cycle,
    reopened: r.reopened,
  };
}

type History = Awaited<ReturnType<typeof issueHistory>>;

/** The issue's events and every task it opened (created, overdue, escalated, completed), in time order. */
export function issueTimeline({ events, taskRows }: History): z.infer<typeof timelineEntry>[] {
  const entries: z.infer<typeof timelineEntry>[] = events.map((e) => ({
    at: e.at.toISOString(),
    type: e.type,
    summary: e.summary,
    by: e.by,
    taskId: null,
    details: e.details,
  }));
  for (const t of taskRows) {
    const type = t.kind === 'escalation' ? 'escalated' : 'task_created';
    entries.push({
      at: t.createdAt.toISOString(),
      type,
      summary: `${t.title} — ${t.department}, due ${t.dueAt.toISOString()}`,
      by: null,
      taskId: t.id,
      details: null,
    });
    if (t.overdue)
      entries.push({
        at: t.dueAt.toISOString(),
        type: 'overdue',
        summary: `${t.title} missed its deadline`,
        by: null,
        taskId: t.id,
        details: null,
      });
    if (t.completedAt) {
      entries.push({
        at: t.completedAt.toISOString(),
        type: 'task_completed',
        summary: `${t.title}: ${t.outcome}`,
        by: t.completedByName,
        taskId: t.id,
        details: null,
      });
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
