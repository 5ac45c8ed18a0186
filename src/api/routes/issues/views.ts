import { z } from 'zod';
import { issueStatuses } from '../../../../workflows/inspection/types';
import { isoInstant } from '../../http/schemas';
import { timelineEntry } from '../../http/subject-timeline';
import type { IssueRow } from './queries';

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

export { subjectTimeline as issueTimeline } from '../../http/subject-timeline';
