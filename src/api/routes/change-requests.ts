import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderWorkflowId, requestChange } from '../../../workflows/order/messages';
import { isoDateString, orderRevisionSchema } from '../../orders/schema';
import { ApiError } from '../../orders/errors';
import { callEngine, requireOrder } from '../engine';
import { worksIn } from '../plugins/auth';
import type { AppDeps } from '../app';

// 000 §6.1: sales files a change request at any stage before delivery; the workflow
// takes it through head approval, scoped re-review and agreement.

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/orders/:orderNo/changes',
    {
      schema: {
        tags: ['changes'],
        summary: 'File a change request (sales); 202 with the request, 409 while another is open',
        params: z.object({ orderNo: z.string().min(1).max(64) }),
        body: z.strictObject({
          changes: orderRevisionSchema,
          reason: z.string().trim().min(1).max(4000),
          impact: z.strictObject({
            deliveryDate: isoDateString.optional(),
            cost: z.number().optional(),
            note: z.string().max(4000).optional(),
          }),
        }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (!worksIn(actor, 'sales')) throw new ApiError(403, 'FORBIDDEN', 'only sales files change requests');
      const order = await requireOrder(deps.database.db, request.params.orderNo);
      if (['DELIVERED', 'CLOSED', 'CANCELLED'].includes(order.status)) {
        throw new ApiError(409, 'ORDER_NOT_ACTIVE', `order ${order.orderNo} is ${order.status}; changes are accepted only before delivery`);
      }
      const change = await callEngine(deps, () =>
        deps.temporal.workflow.getHandle(orderWorkflowId(order.orderNo)).executeUpdate(requestChange, {
          args: [{ ...request.body, actor }],
          updateId: randomUUID(),
        }),
      );
      return reply.code(202).header('location', `/orders/${order.orderNo}/changes`).send(change);
    },
  );
};

export default routes;
