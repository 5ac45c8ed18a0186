import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestProgressReport } from '../../../../workflows/order/messages';
import type { Db } from '../../../db/client';
import { progressReports } from '../../../db/schema';
import { readableOrder, requireAllowed } from '../../http/access';
import { idempotencyHeader, isoInstant, listOf, orderNoParams, responses } from '../../http/schemas';

// Customer progress reports (000 §4.4): at least weekly from the passed review until
// delivery, and whenever sales asks for one.

type ReportRow = typeof progressReports.$inferSelect;

const reportSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  trigger: z.string(),
  generatedAt: isoInstant,
  /** PENDING while a channel is still trying, SENT, NOT_SENT (no channel configured) or FAILED. */
  deliveryStatus: z.string(),
  sentAt: isoInstant.nullable(),
  content: z.record(z.string(), z.unknown()),
});

function reportView(r: ReportRow): z.infer<typeof reportSchema> {
  return {
    id: r.id,
    seq: r.seq,
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
    deliveryStatus: r.deliveryStatus,
    sentAt: r.sentAt?.toISOString() ?? null,
    content: r.content,
  };
}

async function reportsOf(db: Db, orderNo: string): Promise<ReportRow[]> {
  return db
    .select()
    .from(progressReports)
    .where(eq(progressReports.orderNo, orderNo))
    .orderBy(asc(progressReports.seq), asc(progressReports.generatedAt), asc(progressReports.id));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get(
    '/orders/:orderNo/reports',
    {
      schema: {
        tags: ['reports'],
        summary: "The order's customer progress reports, in sequence",
        params: orderNoParams,
        response: responses({ 200: listOf(reportSchema) }),
      },
    },
    async (request) => {
      const order = await readableOrder(db, request.actor, request.params.orderNo);
      return { items: (await reportsOf(db, order.orderNo)).map(reportView) };
    },
  );

  app.post(
    '/orders/:orderNo/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Send the customer a progress report now (sales, sales_admin)',
        params: orderNoParams,
        headers: idempotencyHeader,
        response: responses({ 201: z.record(z.string(), z.unknown()) }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const order = await readableOrder(db, actor, request.params.orderNo);
      requireAllowed(actor, 'requestProgressReport', 'sales and sales_admin request progress reports');
      const key = request.headers['idempotency-key'];
      const report = await app.engine.update(order.orderNo, requestProgressReport, { actor }, key ? `report:${key}` : randomUUID());
      // The report as the customer reads it, without the addresses it went to.
      const { recipients: _recipients, ...content } = report;
      return reply.code(201).send(content);
    },
  );
};

export default routes;
