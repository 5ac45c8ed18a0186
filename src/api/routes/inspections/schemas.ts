import { z } from 'zod';
import { isoInstant } from '../../http/schemas';

export const scheduleSchema = z.object({
  id: z.string(),
  kind: z.string(),
  cron: z.string(),
  calendars: z.array(z.unknown()),
  timeZone: z.string(),
  paused: z.boolean(),
  overlap: z.string(),
  catchupWindowMs: z.number(),
  nextRuns: z.array(isoInstant),
  recentRuns: z.array(z.object({ scheduledAt: isoInstant, startedAt: isoInstant, workflowId: z.string() })),
});

const line = z.object({ found: z.number().int(), closed: z.number().int(), overdue: z.number().int(), reopened: z.number().int() });

export const summarySchema = z.object({
  month: z.string(),
  /** False while the month is still running: the figures are provisional and not stored. */
  final: z.boolean(),
  byDepartment: z.record(z.string(), line),
  byKind: z.record(z.string(), line),
  total: line,
});
