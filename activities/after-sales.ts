import { eq, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { serviceTickets, ticketEvents } from '../src/db/schema';
import { InsufficientStock, takeSpareParts, UnknownSparePart } from '../src/after-sales/stock';

// The projections of an after-sales ticket (003 §5): its row, its timeline, and the spare
// parts an on-site visit takes out of stock.

/** The ticket's state as the ticket workflow holds it. */
export interface TicketState {
  id: string;
  status: string;
  category: string;
  team?: string;
  firstResponseAt?: string;
  resolution?: string;
  reopened: number;
  resolvedAt?: string;
  satisfactionScore?: number;
  satisfactionComment?: string;
  closedAt?: string;
  at: string;
}

export interface TicketEvent {
  id: string;
  ticketId: string;
  at: string;
  type: string;
  summary: string;
  by?: string;
  details?: Record<string, unknown>;
}

export interface VisitParts {
  ticketId: string;
  /** The visit's stable key: the same visit takes its parts once. */
  key: string;
  items: { sku: string; quantity: number }[];
  by: string;
  at: string;
}

/** What a visit's parts did to the stock; a refusal (short or unknown parts) changed nothing. */
export type VisitTaking =
  | { taken: true; belowReorderLevel: { sku: string; name: string; onHand: number; reorderLevel: number }[] }
  | { taken: false; refusal: string };

const date = (iso?: string) => (iso ? new Date(iso) : null);

async function recordTicket(db: Db, s: TicketState): Promise<void> {
  await db
    .update(serviceTickets)
    .set({
      status: s.status,
      category: s.category,
      team: s.team ?? null,
      firstResponseAt: date(s.firstResponseAt),
      resolution: s.resolution ?? null,
      reopened: s.reopened,
      resolvedAt: date(s.resolvedAt),
      satisfactionScore: s.satisfactionScore ?? null,
      satisfactionComment: s.satisfactionComment ?? null,
      closedAt: date(s.closedAt),
      updatedAt: new Date(s.at),
    })
    .where(eq(serviceTickets.id, s.id));
}

async function recordTicketEvent(db: Db, e: TicketEvent): Promise<void> {
  await db
    .insert(ticketEvents)
    .values({ ...e, at: new Date(e.at), by: e.by ?? null, details: e.details ?? null })
    .onConflictDoNothing({ target: ticketEvents.id });
}

/** Takes a visit's parts out of stock and counts the visit on the ticket, in one transaction. */
async function takeVisitParts(db: Db, v: VisitParts): Promise<VisitTaking> {
  try {
    return await db.transaction(async (tx) => {
      const taking = await takeSpareParts(tx, { key: v.key, items: v.items, by: v.by, at: new Date(v.at), reference: v.ticketId });
      if (taking.taken)
        await tx
          .update(serviceTickets)
          .set({ onSiteVisits: sql`${serviceTickets.onSiteVisits} + 1` })
          .where(eq(serviceTickets.id, v.ticketId));
      return { taken: true as const, belowReorderLevel: taking.belowReorderLevel.filter((p) => p.fellBelow) };
    });
  } catch (err) {
    // Retrying cannot help: the visit is reopened with the reason.
    if (err instanceof InsufficientStock || err instanceof UnknownSparePart) return { taken: false, refusal: err.message };
    throw err;
  }
}

export const createAfterSalesActivities = (db: Db) => ({
  recordTicket: (s: TicketState) => recordTicket(db, s),
  recordTicketEvent: (e: TicketEvent) => recordTicketEvent(db, e),
  takeVisitParts: (v: VisitParts) => takeVisitParts(db, v),
});
