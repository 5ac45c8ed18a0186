import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileComplaint } from '../../../complaints/file';
import { complaints } from '../../../db/schema';
import { text } from '../../../lib/text';
import { requireOrder, workflowStarter } from '../../engine';
import { readableOrder, requireAllowed } from '../../http/access';
import { idempotencyHeader, isoInstant, listOf, orderNoParams, orderNoQuery, responses, type ZodApp } from '../../http/schemas';

// Complaints about an order (002 §3.3.2), filed and listed with their replies under the order.

const complaintSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  receivedAt: isoInstant,
  content: z.string(),
  channel: z.string(),
  receivedBy: z.string(),
  inspectionId: z.string(),
  replyDueAt: isoInstant.nullable(),
  reply: z.string().nullable(),
  repliedAt: isoInstant.nullable(),
  repliedBy: z.string().nullable(),
});

type ComplaintRow = typeof complaints.$inferSelect;
const view = (c: ComplaintRow): z.infer<typeof complaintSchema> => ({
  ...c,
  receivedAt: c.receivedAt.toISOString(),
  replyDueAt: c.replyDueAt?.toISOString() ?? null,
  repliedAt: c.repliedAt?.toISOString() ?? null,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  file(app);
  app.get(
    '/orders/:orderNo/complaints',
    {
      schema: {
        tags: ['inspections'],
        summary: "The order's complaints and the replies to them",
        params: orderNoParams,
        response: responses({ 200: listOf(complaintSchema) }),
      },
    },
    async (request) => {
      const order = await readableOrder(app.db, request.actor, request.params.orderNo);
      const rows = await app.db.select().from(complaints).where(eq(complaints.orderNo, order.orderNo)).orderBy(asc(complaints.receivedAt));
      return { items: rows.map(view) };
    },
  );
};

function file(app: ZodApp): void {
  app.post(
    '/complaints',
    {
      schema: {
        tags: ['inspections'],
        summary: 'A customer complaint about an order: starts an inspection of it and a reply task for customer service',
        headers: idempotencyHeader,
        body: z.strictObject({
          orderNo: orderNoQuery,
          content: text(4000),
          channel: z.enum(['phone', 'email', 'visit', 'web', 'other']).default('phone'),
        }),
        response: responses({ 201: complaintSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      requireAllowed(actor, 'fileComplaint', 'customer service and sales record complaints');
      const order = await requireOrder(app.db, request.body.orderNo);
      const deps = workflowStarter(app);
      const row = await fileComplaint(deps, {
        orderNo: order.orderNo,
        content: request.body.content,
        channel: request.body.channel,
        by: { sub: actor.sub, name: actor.name },
        key: request.headers['idempotency-key'],
      });
      return reply.code(201).send(view(row));
    },
  );
}

export default routes;
