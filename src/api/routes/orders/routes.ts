import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readableOrders } from '../../../../workflows/access';
import { orderStatuses, type Actor } from '../../../../workflows/order/types';
import { cancelOrderProcess } from '../../../orders/cancel';
import { receiveOrder, type OrderRow } from '../../../orders/intake';
import { orderInputSchema } from '../../../orders/schema';
import { readableOrder, requireAllowed } from '../../http/access';
import { requirePublicCallbacks } from '../../http/callbacks';
import { cursorQuery, idempotencyHeader, limitQuery, orderNoParams, pageOf, responses, type ZodApp } from '../../http/schemas';
import { findOrder, listOrders, openTasksOf, signOffsOf } from './queries';
import { orderDetail, orderDetailSchema, orderSummary, orderSummarySchema } from './views';

// 000 §2: intake; the order lists and one order's detail (from its rows, which the
// workflow keeps current); cancellation at any stage.

const routes: FastifyPluginAsyncZod = async (app) => {
  receive(app);
  list(app);
  detail(app);
  cancel(app);
};

/** The order's detail; `row` when the caller has just read it (the access check does), so it is not read twice. */
async function detailOf(app: ZodApp, actor: Actor, orderNo: string, row?: OrderRow) {
  const { db } = app;
  const [order, open, signed] = await Promise.all([row ?? findOrder(db, orderNo), openTasksOf(db, orderNo), signOffsOf(db, orderNo)]);
  return orderDetail(actor, order!, open, signed);
}

function receive(app: ZodApp): void {
  app.post(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Receive a customer order (sales, sales_admin); 201 with Location, 200 for a retry with the same Idempotency-Key',
        headers: idempotencyHeader,
        body: orderInputSchema,
        response: responses({ 200: orderSummarySchema, 201: orderSummarySchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      requireAllowed(actor, 'receiveOrder', 'sales and sales_admin receive orders');
      await requirePublicCallbacks(request.body, app.policy.policy.notifications.allowedWebhookHosts);
      const key = request.headers['idempotency-key'];
      const deps = { db: app.db, temporal: app.temporal, taskQueue: app.engine.taskQueue, policy: app.policy };
      const { row, created } = await app.engine.call(() => receiveOrder(deps, request.body, actor, key));
      return reply
        .code(created ? 201 : 200)
        .header('location', `/orders/${row.orderNo}`)
        .send(orderSummary(row));
    },
  );
}

function list(app: ZodApp): void {
  app.get(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'List the orders the caller may read, newest first',
        querystring: z.strictObject({
          status: z.enum(orderStatuses).optional(),
          customerId: z.string().min(1).max(64).optional(),
          urgent: z.enum(['true', 'false']).optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(orderSummarySchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      const scope = readableOrders(request.actor);
      if (!scope.all && scope.taskDepartments.length === 0) return { items: [], nextCursor: null };
      const filter = {
        status: q.status,
        customerId: q.customerId,
        urgent: q.urgent === undefined ? undefined : q.urgent === 'true',
        taskDepartments: scope.all ? undefined : scope.taskDepartments,
      };
      const { rows, nextCursor } = await listOrders(app.db, filter, q.cursor, q.limit);
      return { items: rows.map(orderSummary), nextCursor };
    },
  );
}

function detail(app: ZodApp): void {
  app.get(
    '/orders/:orderNo',
    {
      schema: {
        tags: ['orders'],
        summary: 'One order with its status, version, review round, open tasks and sign-offs',
        params: orderNoParams,
        response: responses({ 200: orderDetailSchema }),
      },
    },
    async (request) => {
      const row = await readableOrder(app.db, request.actor, request.params.orderNo);
      return detailOf(app, request.actor, row.orderNo, row);
    },
  );
}

function cancel(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel the order at any stage before delivery (sales, sales_admin, admin)',
        params: orderNoParams,
        headers: idempotencyHeader,
        body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
        response: responses({ 200: orderDetailSchema }),
      },
    },
    async (request) => {
      const { actor } = request;
      const row = await readableOrder(app.db, actor, request.params.orderNo);
      requireAllowed(actor, 'cancelOrder', 'sales, sales_admin or an admin cancel orders');
      const key = request.headers['idempotency-key'];
      const cancel = { reason: request.body.reason, actor };
      const deps = { db: app.db, temporal: app.temporal, taskQueue: app.engine.taskQueue };
      await app.engine.call(() => cancelOrderProcess(deps, row, cancel, key ? `cancel:${key}` : randomUUID()), row.orderNo);
      // The Update returns once the workflow has finished, its rows written.
      return detailOf(app, actor, row.orderNo);
    },
  );
}

export default routes;
