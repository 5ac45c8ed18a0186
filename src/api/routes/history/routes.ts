import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderWorkflowInput } from '../../../../workflows/order/types';
import { orderTimeline } from '../../../orders/timeline';
import { readableOrder } from '../../http/access';
import { orderNoParams, responses } from '../../http/schemas';
import { timelineEventSchema, timelineFor } from './redact';

// The audit timeline, read from the order's workflow history across continued runs.

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orders/:orderNo/history',
    {
      schema: {
        tags: ['orders'],
        summary: 'Audit timeline built from the workflow history: what happened, when, by whom, under which deadline',
        params: orderNoParams,
        response: responses({
          200: z.object({ orderNo: z.string(), policyVersion: z.string(), events: z.array(timelineEventSchema) }),
        }),
      },
    },
    async (request) => {
      const row = await readableOrder(app.db, request.actor, request.params.orderNo);
      const events = row.workflowStarted ? await app.engine.call(() => orderTimeline(app.temporal, row.workflowId)) : [];
      // The order's own pinned policy says whom its plan is shared with.
      const { policy } = (row.startInput as unknown as OrderWorkflowInput).policy;
      return { orderNo: row.orderNo, policyVersion: row.policyVersion, events: timelineFor(request.actor, policy, events) };
    },
  );
};

export default routes;
