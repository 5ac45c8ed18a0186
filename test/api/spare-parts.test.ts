import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { InsufficientStock, takeSpareParts, UnknownSparePart } from '../../src/after-sales/stock';
import { sparePartMovements, spareParts } from '../../src/db/schema';
import type { Actor } from '../../workflows/order/types';
import { requests, useStack } from '../helpers/api';
import { actors } from '../helpers/fixtures';

// Spare parts (003 §5.2.3) through the API on the real dev server, worker and database,
// and the stock-taking function an on-site visit will call, against the same database.

const stack = useStack();
const http = () => requests(stack.app);
const warehouse: Actor = { sub: 'wang', name: 'Wang', departments: ['warehouse'], roles: ['staff'] };
const afterSales: Actor = { sub: 'alan', name: 'Alan', departments: ['after_sales'], roles: ['staff'] };
const afterSalesHead: Actor = { sub: 'ada-h', name: 'Ada', departments: ['after_sales'], roles: ['head'] };
const admin: Actor = { sub: 'root', name: 'Root', departments: [], roles: ['admin'] };
const db = () => stack.stack.database.db;
const onHand = async (sku: string) => (await db().select().from(spareParts).where(eq(spareParts.sku, sku)))[0]?.onHand;

describe('POST /spare-parts/:sku/receipts and GET /spare-parts', () => {
  it('registers a part on its first receipt and adds later receipts; a retried receipt with its Idempotency-Key adds nothing', async () => {
    const first = await http().post('/spare-parts/SEAL-50/receipts', warehouse, { quantity: 10, name: 'Seat seal DN50', reorderLevel: 4 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      received: true,
      part: { sku: 'SEAL-50', name: 'Seat seal DN50', unit: 'pcs', onHand: 10, reorderLevel: 4, belowReorderLevel: false },
    });
    const key = { 'idempotency-key': 'grn-771' };
    const second = await http().post('/spare-parts/SEAL-50/receipts', afterSalesHead, { quantity: 5, reference: 'GRN-771' }, key);
    expect(second.json()).toMatchObject({ received: true, part: { onHand: 15 } });
    const retried = await http().post('/spare-parts/SEAL-50/receipts', afterSalesHead, { quantity: 5, reference: 'GRN-771' }, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ received: false, part: { onHand: 15 } });
    expect(await onHand('SEAL-50')).toBe(15);
  });

  it('answers 404 for a first receipt without a name, 400 for bad input, and changes nothing', async () => {
    const unnamed = await http().post('/spare-parts/NEW-1/receipts', warehouse, { quantity: 3 });
    expect(unnamed.statusCode).toBe(404);
    expect(unnamed.json().error.code).toBe('NOT_FOUND');
    for (const body of [
      { quantity: 0, name: 'x' },
      { quantity: 1.5, name: 'x' },
      { name: 'x' },
      { quantity: 1, name: 'x', color: 'red' },
    ]) {
      expect((await http().post('/spare-parts/NEW-1/receipts', warehouse, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await http().post('/spare-parts/bad%20sku/receipts', warehouse, { quantity: 1, name: 'x' })).statusCode).toBe(400);
    expect(await onHand('NEW-1')).toBeUndefined();
  });

  it('lets the warehouse, procurement and the after-sales head receive; after-sales staff, auditors, admins and others not', async () => {
    for (const who of [afterSales, actors.auditor, actors.sales, actors.quality]) {
      const res = await http().post('/spare-parts/SEAL-50/receipts', who, { quantity: 1 });
      expect(res.statusCode, who.sub).toBe(403);
    }
    expect((await http().post('/spare-parts/SEAL-50/receipts', actors.procurement, { quantity: 1 })).statusCode).toBe(201);
    expect(await onHand('SEAL-50')).toBe(16);
  });

  it('lists the stock by SKU for after-sales, procurement, warehouse, management and auditors, with what is under its level', async () => {
    expect((await http().post('/spare-parts/BALL-50/receipts', admin, { quantity: 1, name: 'Ball DN50' })).statusCode).toBe(403);
    await http().post('/spare-parts/BALL-50/receipts', warehouse, { quantity: 1, name: 'Ball DN50', reorderLevel: 2 });
    const list = await http().get('/spare-parts', afterSales);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { sku: string; belowReorderLevel: boolean }) => [p.sku, p.belowReorderLevel])).toEqual([
      ['BALL-50', true],
      ['SEAL-50', false],
    ]);
    expect(
      (await http().get('/spare-parts?belowReorderLevel=true', actors.auditor)).json().items.map((p: { sku: string }) => p.sku),
    ).toEqual(['BALL-50']);
    const paged = (await http().get('/spare-parts?limit=1', actors.management)).json();
    expect(paged.items.map((p: { sku: string }) => p.sku)).toEqual(['BALL-50']);
    const next = (await http().get(`/spare-parts?limit=1&cursor=${paged.nextCursor}`, actors.management)).json();
    expect(next).toMatchObject({ items: [{ sku: 'SEAL-50' }], nextCursor: null });
    expect((await http().get('/spare-parts', actors.sales)).statusCode).toBe(403);
    expect((await http().get('/spare-parts')).statusCode).toBe(401);
  });
});

describe('takeSpareParts, the stock-taking of an on-site visit', () => {
  const at = new Date('2026-11-20T02:00:00Z');

  it('takes the parts in one transaction and says which fell below their reorder level', async () => {
    await http().post('/spare-parts/GASKET-9/receipts', warehouse, { quantity: 5, name: 'Gasket', reorderLevel: 3 });
    const taking = await takeSpareParts(db(), {
      key: 'TK-1.visit-1',
      items: [
        { sku: 'GASKET-9', quantity: 2 },
        { sku: 'SEAL-50', quantity: 1 },
        { sku: 'GASKET-9', quantity: 1 },
      ],
      by: 'alan',
      at,
    });
    expect(taking).toEqual({
      taken: true,
      parts: [
        { sku: 'GASKET-9', name: 'Gasket', used: 3, onHand: 2, reorderLevel: 3 },
        { sku: 'SEAL-50', name: 'Seat seal DN50', used: 1, onHand: 15, reorderLevel: 4 },
      ],
      belowReorderLevel: [{ sku: 'GASKET-9', name: 'Gasket', onHand: 2, reorderLevel: 3, fellBelow: true }],
    });
    expect(await onHand('GASKET-9')).toBe(2);
    const moves = await db().select().from(sparePartMovements).where(eq(sparePartMovements.id, 'TK-1.visit-1.GASKET-9'));
    expect(moves).toMatchObject([{ sku: 'GASKET-9', delta: -3, kind: 'use', by: 'alan' }]);
  });

  it('takes nothing again for a key already used', async () => {
    const again = await takeSpareParts(db(), { key: 'TK-1.visit-1', items: [{ sku: 'GASKET-9', quantity: 3 }], by: 'alan', at });
    expect(again.taken).toBe(false);
    expect(await onHand('GASKET-9')).toBe(2);
  });

  it('refuses a use the stock cannot cover with a 409, and changes nothing of the parts that could be covered', async () => {
    const attempt = takeSpareParts(db(), {
      key: 'TK-2.visit-1',
      items: [
        { sku: 'SEAL-50', quantity: 1 },
        { sku: 'GASKET-9', quantity: 3 },
      ],
      by: 'alan',
      at,
    });
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientStock);
    expect(err).toMatchObject({ statusCode: 409, code: 'INSUFFICIENT_STOCK', shortages: [{ sku: 'GASKET-9', requested: 3, onHand: 2 }] });
    expect(await onHand('SEAL-50')).toBe(15);
    expect(await onHand('GASKET-9')).toBe(2);
    expect(await db().select().from(sparePartMovements).where(eq(sparePartMovements.id, 'TK-2.visit-1.SEAL-50'))).toEqual([]);
    const unknown = await takeSpareParts(db(), { key: 'TK-3', items: [{ sku: 'NOPE', quantity: 1 }], by: 'alan', at }).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(UnknownSparePart);
    expect(unknown).toMatchObject({ statusCode: 404 });
  });

  it('rolls back with the transaction of its caller, as the visit projection will hold it', async () => {
    const failure = await db()
      .transaction(async (tx) => {
        await takeSpareParts(tx, { key: 'TK-4.visit-1', items: [{ sku: 'SEAL-50', quantity: 2 }], by: 'alan', at });
        throw new Error('the visit projection failed');
      })
      .catch((e: Error) => e.message);
    expect(failure).toBe('the visit projection failed');
    expect(await onHand('SEAL-50')).toBe(15);
  });

  it('lets only one of two visits racing for the last parts have them', async () => {
    await http().post('/spare-parts/LAST-1/receipts', warehouse, { quantity: 1, name: 'Last one' });
    const results = await Promise.allSettled(
      ['TK-5', 'TK-6'].map((key) => takeSpareParts(db(), { key, items: [{ sku: 'LAST-1', quantity: 1 }], by: 'alan', at })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(InsufficientStock);
    expect(await onHand('LAST-1')).toBe(0);
  });
});
