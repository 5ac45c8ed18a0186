import { z } from 'zod';
import type { SparePart } from '../../../after-sales/stock';
import { isoInstant } from '../../http/schemas';

export const skuString = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore; at most 64');

export const sparePartSchema = z.object({
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  onHand: z.number().int(),
  reorderLevel: z.number().int(),
  /** Under its reorder level: procurement should replenish it. */
  belowReorderLevel: z.boolean(),
  updatedAt: isoInstant,
});

export function sparePartView(p: SparePart): z.infer<typeof sparePartSchema> {
  return {
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    onHand: p.onHand,
    reorderLevel: p.reorderLevel,
    belowReorderLevel: p.onHand < p.reorderLevel,
    updatedAt: p.updatedAt.toISOString(),
  };
}
