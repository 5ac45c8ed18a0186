import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { repairOrder } from '../../../orders/repair';
import { requireAllowed } from '../../http/access';
import { orderNoParams, responses } from '../../http/schemas';

// An operator's repair: rewrites an order's rows from its workflow (src/orders/repair.ts).

const difference = z.object({ what: z.string(), workflow: z.unknown(), rows: z.unknown() });
const report = z.object({ orderNo: z.string(), differences: z.array(difference), tasksWritten: z.number(), incidentsClosed: z.number() });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orders/:orderNo/repair',
    {
      schema: {
        tags: ['ops'],
        summary: "Rewrite the order's rows from its workflow state (admin)",
        params: orderNoParams,
        response: responses({ 200: report }),
      },
    },
    async (request) => {
      requireAllowed(request.actor, 'repairOrder', 'an admin repairs orders');
      return app.engine.call(() => repairOrder({ db: app.db, temporal: app.temporal }, request.params.orderNo));
    },
  );
};

export default routes;
