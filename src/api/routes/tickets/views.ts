import { z } from 'zod';
import { ticketCategories } from '../../../forms/after-sales-forms';
import { isoInstant } from '../../http/schemas';
import { timelineEntry } from '../../http/subject-timeline';
import type { TicketRow } from './queries';

export const ticketStatuses = ['RECEIVED', 'RESOLVING', 'EVALUATING', 'SURVEYING', 'CLOSED'] as const;

export const ticketSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  category: z.enum(ticketCategories),
  status: z.enum(ticketStatuses),
  problem: z.string(),
  /** Only for those the access rules let read customer contact; null otherwise. */
  contact: z.record(z.string(), z.unknown()).nullable(),
  team: z.string().nullable(),
  receivedAt: isoInstant,
  responseDueAt: isoInstant,
  firstResponseAt: isoInstant.nullable(),
  resolution: z.string().nullable(),
  onSiteVisits: z.number().int(),
  reopened: z.number().int(),
  resolvedAt: isoInstant.nullable(),
  satisfactionScore: z.number().int().nullable(),
  satisfactionComment: z.string().nullable(),
  closedAt: isoInstant.nullable(),
  createdBy: z.string(),
});

export const ticketDetailSchema = ticketSchema.extend({ timeline: z.array(timelineEntry) });

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function ticketView(r: TicketRow, showContact: boolean): z.infer<typeof ticketSchema> {
  return {
    id: r.id,
    orderNo: r.orderNo,
    category: r.category as (typeof ticketCategories)[number],
    status: r.status as (typeof ticketStatuses)[number],
    problem: r.problem,
    contact: showContact ? r.contact : null,
    team: r.team,
    receivedAt: r.receivedAt.toISOString(),
    responseDueAt: r.responseDueAt.toISOString(),
    firstResponseAt: iso(r.firstResponseAt),
    resolution: r.resolution,
    onSiteVisits: r.onSiteVisits,
    reopened: r.reopened,
    resolvedAt: iso(r.resolvedAt),
    satisfactionScore: r.satisfactionScore,
    satisfactionComment: r.satisfactionComment,
    closedAt: iso(r.closedAt),
    createdBy: r.createdBy,
  };
}
