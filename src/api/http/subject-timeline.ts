import { z } from 'zod';
import type { tasks } from '../../db/schema';
import { isoInstant } from './schemas';

// The timeline of a subject that is not an order (an issue, a ticket): its own events and the
// life of every task it opened, in time order.

export const timelineEntry = z.object({
  at: isoInstant,
  type: z.string(),
  summary: z.string(),
  by: z.string().nullable(),
  taskId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

interface History {
  events: { at: Date; type: string; summary: string; by: string | null; details: Record<string, unknown> | null }[];
  taskRows: (typeof tasks.$inferSelect)[];
}

/** A subject's (an issue's, a ticket's) events and every task it opened (created, overdue, escalated, completed), in time order. */
export function subjectTimeline({ events, taskRows }: History): z.infer<typeof timelineEntry>[] {
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
