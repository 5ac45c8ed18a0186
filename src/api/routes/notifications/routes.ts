import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notifications } from '../../../db/schema';
import { inboxScope, readableOrder } from '../../http/access';
import { keyset } from '../../http/pagination';
import { cursorQuery, departmentQuery, isoInstant, limitQuery, orderNoQuery, pageOf, responses } from '../../http/schemas';

// The department feed and, for those who read every inbox, the customer outbox.

type NotificationRow = typeof notifications.$inferSelect;

const notificationSchema = z.object({
  id: z.string(),
  /** Null for a message about no single order (a KPI alert). */
  orderNo: z.string().nullable(),
  topic: z.string(),
  audience: z.string(),
  channel: z.string(),
  subject: z.string(),
  body: z.record(z.string(), z.unknown()),
  status: z.string(),
  attempts: z.number().int(),
  createdAt: isoInstant,
  sentAt: isoInstant.nullable(),
});

// The recipient address stays out: the feed shows what was said, not where it went.
function notificationView(n: NotificationRow): z.infer<typeof notificationSchema> {
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

const newestFirst = keyset<NotificationRow>([
  { column: notifications.createdAt, order: 'desc', kind: 'timestamp', of: (n) => n.createdAt },
  { column: notifications.id, order: 'desc', kind: 'text', of: (n) => n.id },
]);

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "A department's notification feed, newest first (auditors and admins also see customer messages)",
        querystring: z.strictObject({
          department: departmentQuery.optional(),
          orderNo: orderNoQuery.optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(notificationSchema) }),
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const scope = inboxScope(actor, q.department);
      if (q.orderNo) await readableOrder(app.db, actor, q.orderNo);
      if (scope?.length === 0) return { items: [], nextCursor: null };
      const where: (SQL | undefined)[] = [newestFirst.after(q.cursor)];
      if (scope) where.push(inArray(notifications.audience, scope));
      if (q.orderNo) where.push(eq(notifications.orderNo, q.orderNo));
      const rows = await app.db
        .select()
        .from(notifications)
        .where(and(...where))
        .orderBy(...newestFirst.orderBy)
        .limit(q.limit + 1);
      const page = newestFirst.page(rows, q.limit);
      return { items: page.rows.map(notificationView), nextCursor: page.nextCursor };
    },
  );
};

export default routes;
