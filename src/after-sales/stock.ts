import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sparePartMovements, spareParts } from '../db/schema';
import { ApiError } from '../orders/errors';

// Spare-part stock (003 §5.2.3): parts used on an on-site visit leave the stock, received
// parts enter it. Each change is one transaction keyed by the caller, so a retry changes
// nothing; a use that the stock cannot cover is refused whole.

export type SparePart = typeof spareParts.$inferSelect;

/** More is to be used than is in stock: a 409 at the API, a non-retryable failure in an activity. */
export class InsufficientStock extends ApiError {
  constructor(readonly shortages: { sku: string; requested: number; onHand: number }[]) {
    super(
      409,
      'INSUFFICIENT_STOCK',
      `not enough in stock: ${shortages.map((s) => `${s.sku} (${s.requested} asked, ${s.onHand} on hand)`).join(', ')}`,
      shortages,
    );
    this.name = 'InsufficientStock';
  }
}

export class UnknownSparePart extends ApiError {
  constructor(readonly skus: string[]) {
    super(
      404,
      'NOT_FOUND',
      `no spare part ${skus.join(', ')} is kept in stock`,
      skus.map((sku) => ({ sku })),
    );
    this.name = 'UnknownSparePart';
  }
}

export interface SparePartUse {
  /** The use's stable key, e.g. `<ticket id>.visit-<n>`; a use with a key already taken changes nothing. */
  key: string;
  items: { sku: string; quantity: number }[];
  by: string;
  at: Date;
  /** What the parts were used for, shown with each movement. */
  reference?: string;
}

export interface StockTaking {
  /** False when the key had been used before: nothing was taken this time. */
  taken: boolean;
  parts: { sku: string; name: string; used: number; onHand: number; reorderLevel: number }[];
  /** Parts now under their reorder level, for a replenishment task; `fellBelow` when this use took them under. */
  belowReorderLevel: { sku: string; name: string; onHand: number; reorderLevel: number; fellBelow: boolean }[];
}

/** Sums the quantities per part, in a fixed order, so that concurrent uses lock rows alike. */
function demand(items: SparePartUse['items']): Map<string, number> {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) {
    if (!Number.isInteger(quantity) || quantity <= 0)
      throw new ApiError(400, 'VALIDATION_FAILED', `quantity of ${sku} must be a positive whole number`);
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  return new Map([...bySku].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const movementId = (key: string, sku: string) => `${key}.${sku}`;

function report(parts: SparePart[], wanted: Map<string, number>, taken: boolean): StockTaking {
  const after = parts.map((p) => ({ ...p, used: wanted.get(p.sku) ?? 0, onHand: p.onHand - (taken ? (wanted.get(p.sku) ?? 0) : 0) }));
  return {
    taken,
    parts: after.map(({ sku, name, used, onHand, reorderLevel }) => ({ sku, name, used, onHand, reorderLevel })),
    belowReorderLevel: after
      .filter((p) => p.onHand < p.reorderLevel)
      .map((p) => ({
        sku: p.sku,
        name: p.name,
        onHand: p.onHand,
        reorderLevel: p.reorderLevel,
        fellBelow: taken && p.onHand + p.used >= p.reorderLevel,
      })),
  };
}

/**
 * Takes the parts of one use out of stock, in one transaction (a savepoint inside the
 * caller's). Refuses the whole use with InsufficientStock, changing nothing, when any part
 * is short; UnknownSparePart when a part is not kept.
 */
export async function takeSpareParts(db: Db, use: SparePartUse): Promise<StockTaking> {
  const wanted = demand(use.items);
  const skus = [...wanted.keys()];
  if (skus.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'a use names at least one part');
  return db.transaction(async (tx) => {
    const parts = await tx.select().from(spareParts).where(inArray(spareParts.sku, skus)).orderBy(asc(spareParts.sku)).for('update');
    const unknown = skus.filter((s) => !parts.some((p) => p.sku === s));
    if (unknown.length) throw new UnknownSparePart(unknown);
    const done = await tx
      .select({ id: sparePartMovements.id })
      .from(sparePartMovements)
      .where(
        inArray(
          sparePartMovements.id,
          skus.map((s) => movementId(use.key, s)),
        ),
      );
    if (done.length > 0) return report(parts, wanted, false);
    const shortages = parts
      .filter((p) => p.onHand < wanted.get(p.sku)!)
      .map((p) => ({ sku: p.sku, requested: wanted.get(p.sku)!, onHand: p.onHand }));
    if (shortages.length) throw new InsufficientStock(shortages);
    for (const p of parts) {
      const quantity = wanted.get(p.sku)!;
      await tx
        .update(spareParts)
        .set({ onHand: sql`${spareParts.onHand} - ${quantity}`, updatedAt: use.at })
        .where(eq(spareParts.sku, p.sku));
      await tx.insert(sparePartMovements).values({
        id: movementId(use.key, p.sku),
        sku: p.sku,
        delta: -quantity,
        kind: 'use',
        reference: use.reference ?? use.key,
        by: use.by,
        at: use.at,
      });
    }
    return report(parts, wanted, true);
  });
}

export interface SparePartReceipt {
  /** The receipt's stable key; a receipt with a key already taken changes nothing. */
  key: string;
  sku: string;
  quantity: number;
  /** Needed the first time a part is received; it then becomes a stocked part. */
  name?: string;
  unit?: string;
  reorderLevel?: number;
  reference?: string;
  by: string;
  at: Date;
}

/** Adds received parts to stock, registering the part on its first receipt. */
export async function receiveSpareParts(db: Db, r: SparePartReceipt): Promise<{ part: SparePart; received: boolean }> {
  return db.transaction(async (tx) => {
    if (r.name !== undefined) {
      await tx
        .insert(spareParts)
        .values({ sku: r.sku, name: r.name, unit: r.unit ?? 'pcs', reorderLevel: r.reorderLevel ?? 0, updatedAt: r.at })
        .onConflictDoNothing({ target: spareParts.sku });
    }
    const [known] = await tx.select().from(spareParts).where(eq(spareParts.sku, r.sku)).for('update');
    if (!known) throw new UnknownSparePart([r.sku]);
    const [movement] = await tx
      .insert(sparePartMovements)
      .values({
        id: movementId(r.key, r.sku),
        sku: r.sku,
        delta: r.quantity,
        kind: 'receipt',
        reference: r.reference ?? null,
        by: r.by,
        at: r.at,
      })
      .onConflictDoNothing({ target: sparePartMovements.id })
      .returning({ id: sparePartMovements.id });
    if (!movement) return { part: known, received: false };
    const [part] = await tx
      .update(spareParts)
      .set({
        onHand: sql`${spareParts.onHand} + ${r.quantity}`,
        ...(r.reorderLevel !== undefined ? { reorderLevel: r.reorderLevel } : {}),
        ...(r.name !== undefined ? { name: r.name } : {}),
        ...(r.unit !== undefined ? { unit: r.unit } : {}),
        updatedAt: r.at,
      })
      .where(eq(spareParts.sku, r.sku))
      .returning();
    return { part, received: true };
  });
}

/**
 * Answers InsufficientStock (409) or UnknownSparePart (404) before a visit is recorded, so the
 * approver learns at once and nothing changes; the visit's activity takes the parts in its
 * own transaction and, should the stock have changed meanwhile, reopens the visit.
 */
export async function requireInStock(db: Db, items: { sku: string; quantity: number }[]): Promise<void> {
  const wanted = demand(items);
  if (wanted.size === 0) return;
  const parts = await db
    .select()
    .from(spareParts)
    .where(inArray(spareParts.sku, [...wanted.keys()]));
  const unknown = [...wanted.keys()].filter((s) => !parts.some((p) => p.sku === s));
  if (unknown.length) throw new UnknownSparePart(unknown);
  const shortages = parts
    .filter((p) => p.onHand < wanted.get(p.sku)!)
    .map((p) => ({ sku: p.sku, requested: wanted.get(p.sku)!, onHand: p.onHand }));
  if (shortages.length) throw new InsufficientStock(shortages);
}
