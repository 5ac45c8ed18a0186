import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notifications, progressReports } from '../../db/schema';
import { orderWorkflowId, requestProgressReport } from '../../../workflows/order/messages';
import { ApiError } from '../../orders/errors';
import { callEngine, requireOrder } from '../engine';
import { decodeCursor, encodeCursor, limitParam } from '../pagination';
import { departmentScope, worksIn } from '../plugins/auth';
import type { AppDeps } from '../app';

type ReportRow = typeof progressReports.$inferSelect;
type NotificationRow = typeof notifications.$inferSelect;

const orderNoParams = z.object({ orderNo: z.string().min(1).max(64) });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

function reportSummary(r: ReportRow) {
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

// The recipient address stays out: the feed shows what was said, not where it went.
function notificationSummary(n: NotificationRow) {
  return {
    id: n.id,
    orderNo: n.orderNo,
    topic: n.topic,
    audience: n.audience,
    channel: n.channel,
    subject: n.subject,
    body: n.body,
    status: n.status,
    attempts: n.attempts,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
  };
}

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db } = deps.database;

  const loadOrder = (orderNo: string) => requireOrder(db, orderNo);
  const engine = <T>(call: () => Promise<T>) => callEngine(deps, call);

  app.get(
    '/orders/:orderNo/reports',
    {
      schema: { tags: ['reports'], summary: "The order's customer progress reports, in sequence", params: orderNoParams },
    },
    async (request) => {
      const order = await loadOrder(request.params.orderNo);
      const rows = await db
        .select()
        .from(progressReports)
        .where(eq(progressReports.orderNo, order.orderNo))
        .orderBy(asc(progressReports.seq), asc(progressReports.generatedAt), asc(progressReports.id));
      return { items: rows.map(reportSummary) };
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
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (!worksIn(actor, 'sales') && !worksIn(actor, 'sales_admin')) {
        throw new ApiError(403, 'FORBIDDEN', 'only sales and sales_admin request progress reports');
      }
      const order = await loadOrder(request.params.orderNo);
      const key = request.headers['idempotency-key'];
      const report = await engine(() =>
        deps.temporal.workflow.getHandle(orderWorkflowId(order.orderNo)).executeUpdate(requestProgressReport, {
          args: [{ actor }],
          updateId: key ? `report:${key}` : randomUUID(),
        }),
      );
      return reply.code(201).send(report);
    },
  );

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "A department's notification feed, newest first (auditors and admins also see customer messages)",
        querystring: z.strictObject({
          department: z.string().min(1).optional(),
          orderNo: z.string().min(1).optional(),
          cursor: z.string().optional(),
          limit: limitParam,
        }),
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const where: SQL[] = [];
      const scope = departmentScope(actor, q.department);
      if (scope?.length === 0) return { items: [], nextCursor: null };
      if (scope) where.push(inArray(notifications.audience, scope));
      if (q.orderNo) where.push(eq(notifications.orderNo, q.orderNo));
      const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime(), z.string()]));
      if (after) {
        const at = new Date(after[0]);
        where.push(or(lt(notifications.createdAt, at), and(eq(notifications.createdAt, at), lt(notifications.id, after[1])))!);
      }
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...where))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(notificationSummary),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    },
  );
};

export default routes;
