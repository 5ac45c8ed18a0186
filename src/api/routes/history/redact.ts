import { z } from 'zod';
import { allows } from '../../../../workflows/access';
import type { Policy } from '../../../../workflows/policy';
import type { Actor, ChangeOpinion } from '../../../../workflows/order/types';
import type { TimelineEvent } from '../../../orders/timeline';
import { orderDataFor, seesTaskData } from '../../http/redact';
import { personRef } from '../../http/schemas';

export const timelineEventSchema = z.object({
  at: z.string(),
  type: z.string(),
  summary: z.string(),
  by: personRef.optional(),
  taskId: z.string().optional(),
  department: z.string().optional(),
  dueAt: z.string().optional(),
  status: z.string().optional(),
  outcome: z.string().optional(),
  comment: z.string().optional(),
  details: z.unknown().optional(),
  /** True when a department's data was left out of this event. */
  restricted: z.boolean().optional(),
});

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A change's opinions keep who decided what and when; the reasons are the deciding department's. */
function changeDetailsFor(actor: Actor, details: unknown): unknown {
  if (!isRecord(details)) return details;
  const opinions = Array.isArray(details.opinions) ? (details.opinions as ChangeOpinion[]) : [];
  return {
    ...details,
    changes: isRecord(details.changes) ? orderDataFor(actor, details.changes) : details.changes,
    opinions: opinions.map((o) => (seesTaskData(actor, o.department) ? o : { ...o, reasons: undefined })),
  };
}

/** The cost dimension rests on finance's margin: its reasons are finance's data. */
function riskDetailsFor(actor: Actor, details: unknown): unknown {
  if (!isRecord(details) || !isRecord(details.cost) || seesTaskData(actor, 'finance')) return details;
  return { ...details, cost: { level: details.cost.level, reasons: [] } };
}

function hidden(e: TimelineEvent): TimelineEvent {
  const { comment: _comment, details: _details, ...rest } = e;
  return { ...rest, restricted: true } as TimelineEvent;
}

/** The timeline as the actor may see it (workflows/access.ts): other departments' decisions without their data. */
export function timelineFor(actor: Actor, policy: Policy, events: TimelineEvent[]): TimelineEvent[] {
  return events.map((e) => {
    switch (e.type) {
      case 'task_completed':
        return e.department && seesTaskData(actor, e.department) ? e : hidden(e);
      case 'production_plan':
        return allows(actor, 'readTaskData', { department: 'production', sharedWith: policy.execution.planSharedWith }) ? e : hidden(e);
      case 'change':
        return { ...e, details: changeDetailsFor(actor, e.details) };
      case 'risk_assessed':
        return { ...e, details: riskDetailsFor(actor, e.details) };
      default:
        return e;
    }
  });
}
