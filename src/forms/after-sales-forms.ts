import { z } from 'zod';
import { text } from '../lib/text';
import { isoDateString } from '../orders/schema';

// The forms of an after-sales ticket's tasks (003 §5) and of a spare part's replenishment.

const date = isoDateString.meta({ format: 'date' });
export const ticketCategories = ['quality', 'usage', 'logistics', 'other'] as const;
const sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  .meta({ description: 'Spare part SKU' });

/** Parts used on one visit: each SKU with a whole positive quantity. */
export const sparePartsUsed = z.array(z.strictObject({ sku, quantity: z.number().int().min(1).max(10_000) })).max(50);

export const afterSalesForms = {
  /** 003 §5.1: classify, dispatch to a team, and give the customer the first response. */
  ticket_dispatch: {
    dispatched: z.strictObject({
      team: text(100),
      category: z.enum(ticketCategories),
      firstResponse: text(4000),
    }),
  },
  /** 003 §5.2: the problem is resolved remotely or on site (engineer, date, spare parts). */
  ticket_resolution: {
    remote: z.strictObject({ actions: text(4000) }),
    on_site: z.strictObject({ engineer: text(100), visitDate: date, spareParts: sparePartsUsed.default([]), actions: text(4000) }),
  },
  /** 003 §5.3: the customer says whether the problem is resolved. */
  ticket_evaluation: {
    resolved: z.strictObject({ comment: z.string().max(2000).optional() }),
    not_resolved: z.strictObject({ reason: text(2000) }),
  },
  /** 003 §5.3: the satisfaction survey that closes the ticket. */
  ticket_survey: {
    surveyed: z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }),
    unreachable: z.strictObject({ reason: text(2000) }),
  },
  /** 003 §5.2.3: a part under its reorder level is ordered. */
  spare_part_replenishment: {
    ordered: z.strictObject({ quantity: z.number().int().min(1).max(1_000_000), purchaseOrderNo: text(100), expectedOn: date.optional() }),
  },
} satisfies Record<string, Record<string, z.ZodType>>;
