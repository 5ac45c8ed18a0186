import { randomUUID } from 'node:crypto';
import { and, lt, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receiveSpareParts, type SparePart } from '../../../after-sales/stock';
import { spareParts } from '../../../db/schema';
import { text } from '../../../lib/text';
import { requireAllowed } from '../../http/access';
import { keyset } from '../../http/pagination';
import { cursorQuery, idempotencyHeader, limitQuery, pageOf, responses, type ZodApp } from '../../http/schemas';
import { skuString, sparePartSchema, sparePartView } from './views';

// Spare parts in stock (003 §5.2.3): the list, with what is under its reorder level, and
// receipts of new stock. Parts leave the stock with the on-site visits of service tickets.

const bySku = keyset<SparePart>([{ column: spareParts.sku, order: 'asc', kind: 'text', of: (p) => p.sku }]);

const receiptBody = z.strictObject({
  quantity: z.number().int().min(1).max(1_000_000),
  /** Needed on a part's first receipt. */
  name: text(200).optional(),
  unit: text(32).optional(),
  reorderLevel: z.number().int().min(0).max(1_000_000).optional(),
  /** The delivery note or purchase order it came with. */
  reference: text(200).optional(),
});

function listSparePartsRoute(app: ZodApp): void {
  app.get(
    '/spare-parts',
    {
      schema: {
        tags: ['spare-parts'],
        summary: 'Spare parts in stock by SKU, with their reorder levels',
        querystring: z.strictObject({
          belowReorderLevel: z.enum(['true', 'false']).optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(sparePartSchema) }),
      },
    },
    async (request) => {
      requireAllowed(
        request.actor,
        'readSpareParts',
        'after-sales, procurement, warehouse, management, auditors and admins read the stock',
      );
      const q = request.query;
      const where: (SQL | undefined)[] = [bySku.after(q.cursor)];
      if (q.belowReorderLevel === 'true') where.push(lt(spareParts.onHand, spareParts.reorderLevel));
      if (q.belowReorderLevel === 'false') where.push(sql`${spareParts.onHand} >= ${spareParts.reorderLevel}`);
      const rows = await app.db
        .select()
        .from(spareParts)
        .where(and(...where))
        .orderBy(...bySku.orderBy)
        .limit(q.limit + 1);
      const page = bySku.page(rows, q.limit);
      return { items: page.rows.map(sparePartView), nextCursor: page.nextCursor };
    },
  );
}

function receiveSparePartsRoute(app: ZodApp): void {
  app.post(
    '/spare-parts/:sku/receipts',
    {
      schema: {
        tags: ['spare-parts'],
        summary: 'Add received parts to stock; the first receipt of a part names it. Idempotency-Key makes a retry safe',
        params: z.object({ sku: skuString }),
        headers: idempotencyHeader,
        body: receiptBody,
        response: responses({ 201: z.object({ part: sparePartSchema, received: z.boolean() }) }),
      },
    },
    async (request, reply) => {
      requireAllowed(request.actor, 'receiveSpareParts', 'the warehouse, procurement and the after-sales head receive spare parts');
      const key = request.headers['idempotency-key'];
      const { part, received } = await receiveSpareParts(app.db, {
        ...request.body,
        key: `receipt.${key ? `${request.actor.sub}.${key}` : randomUUID()}`,
        sku: request.params.sku,
        by: request.actor.sub,
        at: new Date(),
      });
      return reply.code(201).send({ part: sparePartView(part), received });
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  listSparePartsRoute(app);
  receiveSparePartsRoute(app);
};

export default routes;
