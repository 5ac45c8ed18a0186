import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestChange } from '../../../../workflows/order/messages';
import { text } from '../../../lib/text';
import { ApiError } from '../../../orders/errors';
import { isoDateString, orderRevisionSchema } from '../../../orders/schema';
import { readableOrder, requireAllowed } from '../../http/access';
import { requirePublicCallbacks } from '../../http/callbacks';
import { listOf, orderNoParams, responses, type ZodApp } from '../../http/schemas';
import { changesOf, versionsOf } from './queries';
import { changeSchema, changeView, versionSchema, versionViews } from './views';

// Changes (000 §6): sales files a request at any stage before delivery; the workflow takes
// it through head approval, scoped re-review and agreement. Every request and version is listed.

const routes: FastifyPluginAsyncZod = async (app) => {
  fileChange(app);
  listChanges(app);
  listVersions(app);
};

function fileChange(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/changes',
    {
      schema: {
        tags: ['changes'],
        summary: 'File a change request (sales); 202 with the request, 409 while another is open',
        params: orderNoParams,
        body: z.strictObject({
          changes: orderRevisionSchema,
          reason: text(4000),
          impact: z.strictObject({
            deliveryDate: isoDateString.optional(),
            cost: z.number().min(-1e12).max(1e12).optional(),
            note: z.string().max(4000).optional(),
          }),
        }),
        response: responses({ 202: changeSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      requireAllowed(actor, 'requestChange', 'sales files change requests');
      await requirePublicCallbacks(request.body.changes, app.policy.policy.notifications.allowedWebhookHosts);
      if (['DELIVERED', 'CLOSED', 'CANCELLED'].includes(order.status)) {
        throw new ApiError(409, 'ORDER_NOT_ACTIVE', `order ${order.orderNo} is ${order.status}; changes are accepted only before delivery`);
      }
      const change = await app.engine.update(order.orderNo, requestChange, { ...request.body, actor }, randomUUID());
      const view = changeView(actor, {
        ...change,
        agreement: change.agreement ?? null,
        opinions: change.opinions as unknown as Record<string, unknown>[],
        requestedBy: change.requestedBy.sub,
        requestedAt: new Date(change.requestedAt),
        decidedAt: change.decidedAt ? new Date(change.decidedAt) : null,
      });
      return reply.code(202).header('location', `/orders/${order.orderNo}/changes`).send(view);
    },
  );
}

function listChanges(app: ZodApp): void {
  app.get(
    '/orders/:orderNo/changes',
    {
      schema: {
        tags: ['changes'],
        summary: "The order's change requests with opinions and agreement, in order",
        params: orderNoParams,
        response: responses({ 200: listOf(changeSchema) }),
      },
    },
    async (request) => {
      const order = await readableOrder(app.db, request.actor, request.params.orderNo);
      return { items: (await changesOf(app.db, order.orderNo)).map((r) => changeView(request.actor, r)) };
    },
  );
}

function listVersions(app: ZodApp): void {
  app.get(
    '/orders/:orderNo/versions',
    {
      schema: {
        tags: ['changes'],
        summary: "The order's versions, each with what changed from the one before",
        params: orderNoParams,
        response: responses({ 200: listOf(versionSchema) }),
      },
    },
    async (request) => {
      const order = await readableOrder(app.db, request.actor, request.params.orderNo);
      return { items: versionViews(request.actor, await versionsOf(app.db, order.orderNo)) };
    },
  );
}

export default routes;
