import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addClockHours, addWorkingHours } from '../../../../workflows/calendar';
import { inspectionWorkflowId } from '../../../../workflows/inspection/messages';
import type { InspectionWorkflowInput } from '../../../../workflows/inspection/types';
import { calendarOf } from '../../../../workflows/policy';
import { complaints, inspections } from '../../../db/schema';
import { text } from '../../../lib/text';
import { requireOrder } from '../../engine';
import { readableOrder, requireAllowed } from '../../http/access';
import { idempotencyHeader, isoInstant, listOf, orderNoParams, orderNoQuery, responses, type ZodApp } from '../../http/schemas';

// 002 §3.3.2: a customer complaint about an order starts an inspection of that order at
// once and gives customer service a reply-to-customer task due in the policy's hours. The
// complaint and its reply are listed under the order.

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
      const key = request.headers['idempotency-key'];
      const id = `CMP-${key ? createHash('sha256').update(`${actor.sub}:${key}`).digest('hex').slice(0, 16) : randomUUID()}`;
      const [existing] = await app.db
        .select()
        .from(complaints)
        .where(and(eq(complaints.id, id)));
      if (existing) return reply.code(201).send(view(existing));
      const { policy } = app.policy;
      const receivedAt = new Date();
      const hours = policy.inspection.complaintReplyHours;
      const replyDueAt =
        policy.deadlines.hourDeadlines === 'working'
          ? addWorkingHours(calendarOf(policy), receivedAt, hours)
          : addClockHours(receivedAt, hours);
      const inspectionId = `complaint-${id}`;
      const row = {
        id,
        orderNo: order.orderNo,
        receivedAt,
        content: request.body.content,
        channel: request.body.channel,
        receivedBy: actor.name,
        inspectionId,
        replyDueAt,
      };
      await app.db.transaction(async (tx) => {
        await tx.insert(complaints).values(row);
        await tx.insert(inspections).values({
          id: inspectionId,
          kind: 'complaint',
          department: policy.inspection.complaintDepartment,
          status: 'CHECKING',
          orderNos: [order.orderNo],
          complaintId: id,
          startedBy: actor.name,
          startedAt: receivedAt,
        });
      });
      const input: InspectionWorkflowInput = {
        kind: 'complaint',
        id: inspectionId,
        policy: app.policy,
        startedBy: { sub: actor.sub, name: actor.name },
        orderNos: [order.orderNo],
        complaint: { id, content: row.content, receivedAt: receivedAt.toISOString() },
      };
      await app.engine.call(() =>
        app.temporal.workflow.start('inspectionWorkflow', {
          workflowId: inspectionWorkflowId(inspectionId),
          taskQueue: app.engine.taskQueue,
          args: [input],
        }),
      );
      return reply.code(201).send(view({ ...row, reply: null, repliedAt: null, repliedBy: null }));
    },
  );
}

export default routes;
