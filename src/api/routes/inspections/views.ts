import { z } from 'zod';
import { inspectionKinds } from '../../../../workflows/inspection/types';
import { isoInstant } from '../../http/schemas';
import type { InspectionRow } from './queries';

const findingSchema = z.object({
  id: z.string(),
  check: z.string(),
  code: z.string(),
  orderNo: z.string(),
  content: z.string(),
  severity: z.string(),
  department: z.string(),
});

export const inspectionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(inspectionKinds),
  department: z.string(),
  status: z.string(),
  orderCount: z.number().int(),
  findingCount: z.number().int(),
  issueIds: z.array(z.string()),
  startedBy: z.string(),
  startedAt: isoInstant,
  completedAt: isoInstant.nullable(),
});

export const inspectionDetailSchema = inspectionSummarySchema.extend({
  orderNos: z.array(z.string()),
  findings: z.array(findingSchema),
  decisions: z.array(z.record(z.string(), z.unknown())),
  sample: z.record(z.string(), z.unknown()).nullable(),
  complaintId: z.string().nullable(),
});

export function inspectionSummary(r: InspectionRow): z.infer<typeof inspectionSummarySchema> {
  return {
    id: r.id,
    kind: r.kind as 'audit',
    department: r.department,
    status: r.status,
    orderCount: r.orderNos.length,
    findingCount: r.findings.length,
    issueIds: r.issueIds,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export function inspectionDetail(r: InspectionRow): z.infer<typeof inspectionDetailSchema> {
  return {
    ...inspectionSummary(r),
    orderNos: r.orderNos,
    findings: r.findings as z.infer<typeof findingSchema>[],
    decisions: r.decisions,
    sample: r.sample,
    complaintId: r.complaintId,
  };
}
