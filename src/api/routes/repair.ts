import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../orders/errors';
import { repairOrder } from '../../orders/repair';
import { callEngine } from '../engine';
import type { AppDeps } from '../app';

// An operator's repair: rewrites an order's rows from its workflow (see src/orders/repair.ts).

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/orders/:orderNo/repair',
    {
      schema: {
        tags: ['ops'],
        summary: "Rewrite the order's rows from its workflow state (admin)",
        params: z.object({ orderNo: z.string().min(1).max(64) }),
      },
    },
    async (request) => {
      if (!request.actor.roles.includes('admin')) throw new ApiError(403, 'FORBIDDEN', 'only an admin repairs orders');
      return callEngine(deps, () => repairOrder({ db: deps.database.db, temporal: deps.temporal }, request.params.orderNo));
    },
  );
};

export default routes;
