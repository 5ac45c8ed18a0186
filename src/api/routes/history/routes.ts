import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderWorkflowInput } from '../../../../workflows/order/types';
import { workflowRuns } from '../../../audit/history-archive';
import { timelineOfRuns } from '../../../orders/timeline';
import { ApiError } from '../../../orders/errors';
import { readableOrder, requireAllowed } from '../../http/access';
import { orderNoParams, responses, type ZodApp } from '../../http/schemas';
import { timelineEventSchema, timelineFor } from './redact';

// The audit timeline, read from the order's workflow history across continued runs (from the
// archive once Temporal has deleted it), and the auditors' replay of that history.

const replayAnswerSchema = z.object({
  ok: z.boolean(),
  runs: z.number().int(),
  divergence: z.object({ runId: z.string(), eventId: z.number().int().nullable(), history: z.string(), code: z.string() }).optional(),
});

function timelineRoute(app: ZodApp): void {
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
      // From Temporal while it keeps the history, then from the audit archive.
      const runs = row.workflowStarted ? await app.engine.call(() => workflowRuns(app.db, app.temporal, row.workflowId)) : [];
      const events = timelineOfRuns(runs);
      // The order's own pinned policy says whom its plan is shared with.
      const { policy } = (row.startInput as unknown as OrderWorkflowInput).policy;
      return { orderNo: row.orderNo, policyVersion: row.policyVersion, events: timelineFor(request.actor, policy, events) };
    },
  );
}

function replayRoute(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/replay',
    {
      schema: {
        tags: ['orders'],
        summary: "Replay the order's history, every run, live or archived, against the workflow code the worker runs now (auditor, admin)",
        params: orderNoParams,
        response: responses({ 200: replayAnswerSchema }),
      },
    },
    async (request) => {
      const row = await readableOrder(app.db, request.actor, request.params.orderNo);
      requireAllowed(request.actor, 'replayOrder', 'auditors and admins replay order histories');
      if (!row.workflowStarted) throw new ApiError(409, 'NOT_STARTED', `order ${row.orderNo} has no workflow yet: nothing to replay`);
      const runs = await app.engine.call(() => workflowRuns(app.db, app.temporal, row.workflowId), row.orderNo);
      return app.replayer.replay(row.workflowId, runs);
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  timelineRoute(app);
  replayRoute(app);
};

export default routes;
