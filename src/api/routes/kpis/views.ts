import { z } from 'zod';
import { isoInstant } from '../../http/schemas';

// The KPI answers: one figure, a period's report, a stored month.

export const kpiSchema = z.object({
  id: z.string(),
  name: z.string(),
  clause: z.string(),
  department: z.string().nullable(),
  unit: z.enum(['percent', 'hours', 'count', 'score']),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  reason: z.string().optional(),
});

export const kpiAnswerSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  department: z.string().nullable(),
  kpis: z.array(kpiSchema),
});

export const storedReportSchema = z.object({
  month: z.string(),
  revision: z.number().int(),
  storedAt: isoInstant,
  kpis: z.array(kpiSchema),
});

/** A month the calendar can place: 1970-01 to 2999-12. */
export const monthString = z.string().regex(/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/, 'expected YYYY-MM between 1970-01 and 2999-12');
