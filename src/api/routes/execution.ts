import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderExceptions } from '../../db/schema';
import { orderWorkflowId, recordTracking, reportException, resolveException } from '../../../workflows/order/messages';
import { isoDateString } from '../../orders/schema';
import { ApiError } from '../../orders/errors';
import { callEngine, requireOrder } from '../engine';
import type { AppDeps } from '../app';

// What happens to an order between its tasks: exceptions in execution (000 §4.4.2) and
// transport tracking (000 §5.3.3). Each is an Update, answered once the workflow has it.

const orderNoParams = z.object({ orderNo: z.string().min(1).max(64) });
const text = (max: number) => z.string().trim().min(1).max(max);

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db } = deps.database;

  async function workflowOf(orderNo: string) {
    await requireOrder(db, orderNo);
    return deps.temporal.workflow.getHandle(orderWorkflowId(orderNo));
  }
  const engine = <T>(call: () => Promise<T>) => callEngine(deps, call);

  app.post(
    '/orders/:orderNo/exceptions',
    {
      schema: {
        tags: ['execution'],
        summary: 'Report an exception (delay, quality problem, material shortage); sales is told at once',
        params: orderNoParams,
        body: z.strictObject({
          type: z.enum(['delay', 'quality', 'material_shortage']),
          description: text(4000),
          /** The reporting department; defaults to the reporter's first. */
          department: z.string().min(1).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const department = request.body.department ?? actor.departments[0];
      if (!department) throw new ApiError(403, 'FORBIDDEN', 'only department members report exceptions');
      const handle = await workflowOf(request.params.orderNo);
      const exception = await engine(() =>
        handle.executeUpdate(reportException, {
          args: [{ type: request.body.type, description: request.body.description, department, actor }],
          updateId: randomUUID(),
        }),
      );
      return reply.code(201).send(exception);
    },
  );

  app.get(
    '/orders/:orderNo/exceptions',
    {
      schema: { tags: ['execution'], summary: "The order's exceptions, oldest first", params: orderNoParams },
    },
    async (request) => {
      await workflowOf(request.params.orderNo);
      const rows = await db
        .select()
        .from(orderExceptions)
        .where(eq(orderExceptions.orderNo, request.params.orderNo))
        .orderBy(asc(orderExceptions.reportedAt));
      return {
        items: rows.map((r) => ({
          id: r.id,
          type: r.type,
          department: r.department,
          description: r.description,
          reportedBy: r.reportedBy,
          reportedAt: r.reportedAt.toISOString(),
          resolution: r.resolution,
          resolvedAt: r.resolvedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/orders/:orderNo/exceptions/:exceptionId/resolve',
    {
      schema: {
        tags: ['execution'],
        summary: 'Resolve an exception (the reporting department or sales)',
        params: orderNoParams.extend({ exceptionId: z.string().min(1).max(200) }),
        body: z.strictObject({ resolution: text(4000) }),
      },
    },
    async (request) => {
      const handle = await workflowOf(request.params.orderNo);
      return engine(() =>
        handle.executeUpdate(resolveException, {
          args: [{ exceptionId: request.params.exceptionId, resolution: request.body.resolution, actor: request.actor }],
          updateId: randomUUID(),
        }),
      );
    },
  );

  app.post(
    '/orders/:orderNo/tracking',
    {
      schema: {
        tags: ['execution'],
        summary: 'Logistics records a tracking update; a delay is told to sales and the customer',
        params: orderNoParams,
        body: z.strictObject({
          location: text(500),
          note: z.string().max(2000).optional(),
          delay: z.strictObject({ reason: text(2000), newEta: isoDateString }).optional(),
        }),
      },
    },
    async (request) => {
      const handle = await workflowOf(request.params.orderNo);
      return engine(() =>
        handle.executeUpdate(recordTracking, { args: [{ ...request.body, actor: request.actor }], updateId: randomUUID() }),
      );
    },
  );
};

export default routes;
