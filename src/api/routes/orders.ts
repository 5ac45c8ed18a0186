import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orders, signOffs, tasks } from '../../db/schema';
import { cancelOrder, orderView, orderWorkflowId } from '../../../workflows/order/messages';
import { orderInputSchema } from '../../orders/schema';
import { orderStatuses, type OrderView } from '../../../workflows/order/types';
import { ApiError } from '../../orders/errors';
import { receiveOrder, type OrderRow } from '../../orders/intake';
import { orderTimeline } from '../../orders/timeline';
import { worksIn } from '../plugins/auth';
import { decodeCursor, encodeCursor, limitParam } from '../pagination';
import { callEngine, requireOrder } from '../engine';
import { taskSummary } from '../views';
import type { AppDeps } from '../app';

const orderNoParams = z.object({ orderNo: z.string().min(1).max(64) });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

function orderSummary(row: OrderRow) {
  return {
    orderNo: row.orderNo,
    status: row.status,
    kind: row.kind,
    urgent: row.urgent,
    urgentRules: row.urgentRules,
    customer: { id: row.customerId, name: row.customerName },
    version: row.version,
    reviewRound: row.reviewRound,
    policyVersion: row.policyVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db } = deps.database;

  const loadOrder = (orderNo: string) => requireOrder(db, orderNo);
  const engine = <T>(call: () => Promise<T>) => callEngine(deps, call);

  app.post(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Receive a customer order (sales, sales_admin)',
        headers: idempotencyHeader,
        body: orderInputSchema,
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (!worksIn(actor, 'sales') && !worksIn(actor, 'sales_admin')) {
        throw new ApiError(403, 'FORBIDDEN', 'only sales and sales_admin receive orders');
      }
      const key = request.headers['idempotency-key'];
      const { row, created } = await engine(() => receiveOrder({ ...deps, db, policy: deps.policy }, request.body, actor, key));
      return reply
        .code(created ? 201 : 200)
        .header('location', `/orders/${row.orderNo}`)
        .send(orderSummary(row));
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'List orders, newest first',
        querystring: z.strictObject({
          status: z.enum(orderStatuses).optional(),
          customerId: z.string().min(1).optional(),
          urgent: z.enum(['true', 'false']).optional(),
          cursor: z.string().optional(),
          limit: limitParam,
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const after = decodeCursor(q.cursor, z.tuple([z.string(), z.string()]));
      const where: SQL[] = [];
      if (q.status) where.push(eq(orders.status, q.status));
      if (q.customerId) where.push(eq(orders.customerId, q.customerId));
      if (q.urgent) where.push(eq(orders.urgent, q.urgent === 'true'));
      if (after) {
        const at = new Date(after[0]);
        where.push(or(lt(orders.createdAt, at), and(eq(orders.createdAt, at), lt(orders.orderNo, after[1])))!);
      }
      const rows = await db
        .select()
        .from(orders)
        .where(and(...where))
        .orderBy(desc(orders.createdAt), desc(orders.orderNo))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(orderSummary),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.orderNo]) : null,
      };
    },
  );

  app.get(
    '/orders/:orderNo',
    {
      schema: { tags: ['orders'], summary: 'One order with its live status, version, review round and open tasks', params: orderNoParams },
    },
    async (request) => {
      const row = await loadOrder(request.params.orderNo);
      const openRows = await db
        .select()
        .from(tasks)
        .where(and(eq(tasks.orderNo, row.orderNo), inArray(tasks.status, ['OPEN', 'CLAIMED'])))
        .orderBy(desc(tasks.priority), asc(tasks.dueAt), asc(tasks.id));
      const signed = await db
        .select()
        .from(signOffs)
        .where(eq(signOffs.orderNo, row.orderNo))
        .orderBy(asc(signOffs.round), asc(signOffs.department));
      let live: OrderView | undefined;
      if (row.workflowStarted) live = await engine(() => deps.temporal.workflow.getHandle(row.workflowId).query(orderView));
      return {
        ...orderSummary(row),
        status: live?.status ?? row.status,
        version: live?.version ?? row.version,
        reviewRound: live?.reviewRound ?? row.reviewRound,
        order: row.data,
        openTasks: openRows.map(taskSummary),
        signOffs: signed.map((s) => ({
          round: s.round,
          department: s.department,
          outcome: s.outcome,
          by: { sub: s.signedBy, name: s.signedByName },
          at: s.signedAt.toISOString(),
        })),
        cancelled: live?.cancelled ?? null,
      };
    },
  );

  app.get(
    '/orders/:orderNo/history',
    {
      schema: { tags: ['orders'], summary: 'Audit timeline built from the workflow history', params: orderNoParams },
    },
    async (request) => {
      const row = await loadOrder(request.params.orderNo);
      if (!row.workflowStarted) return { orderNo: row.orderNo, policyVersion: row.policyVersion, events: [] };
      const events = await engine(() => orderTimeline(deps.temporal, row.workflowId));
      return { orderNo: row.orderNo, policyVersion: row.policyVersion, events };
    },
  );

  app.post(
    '/orders/:orderNo/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel the order at any stage (sales, sales_admin)',
        params: orderNoParams,
        headers: idempotencyHeader,
        body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
      },
    },
    async (request) => {
      const { actor } = request;
      if (!worksIn(actor, 'sales') && !worksIn(actor, 'sales_admin') && !actor.roles.includes('admin')) {
        throw new ApiError(403, 'FORBIDDEN', 'only sales, sales_admin or an admin cancel orders');
      }
      const row = await loadOrder(request.params.orderNo);
      const key = request.headers['idempotency-key'];
      const result = await engine(() =>
        deps.temporal.workflow.getHandle(orderWorkflowId(row.orderNo)).executeUpdate(cancelOrder, {
          args: [{ reason: request.body.reason, actor }],
          updateId: key ? `cancel:${key}` : randomUUID(),
        }),
      );
      return result;
    },
  );
};

export default routes;
