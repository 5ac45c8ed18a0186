import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordTracking } from '../../../../workflows/order/messages';
import { text } from '../../../lib/text';
import { isoDateString } from '../../../orders/schema';
import { readableOrder, requireAllowed } from '../../http/access';
import { orderNoParams, responses } from '../../http/schemas';

// Transport tracking (000 §5.3.3): logistics records where the goods are; a delay is told
// to sales and the customer.

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orders/:orderNo/tracking',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Logistics records a tracking update; a delay is told to sales and the customer',
        params: orderNoParams,
        body: z.strictObject({
          location: text(500),
          note: z.string().max(2000).optional(),
          delay: z.strictObject({ reason: text(2000), newEta: isoDateString }).optional(),
        }),
        response: responses({ 200: z.object({ recorded: z.boolean() }) }),
      },
    },
    async (request) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      requireAllowed(actor, 'recordTracking', 'logistics records tracking');
      return app.engine.update(order.orderNo, recordTracking, { ...request.body, actor }, randomUUID());
    },
  );
};

export default routes;
