import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportException, resolveException } from '../../../../workflows/order/messages';
import { orderExceptions } from '../../../db/schema';
import { text } from '../../../lib/text';
import { ApiError } from '../../../orders/errors';
import { readableOrder, requireAllowed } from '../../http/access';
import { isoInstant, listOf, orderNoParams, personRef, responses, type ZodApp } from '../../http/schemas';

// Exceptions in execution (000 §4.4.2): sales hears of each at once, the next customer
// report shows it, and the risk is re-rated. Each is an Update, answered once the workflow has it.

type ExceptionRow = typeof orderExceptions.$inferSelect;

const exceptionTypes = ['delay', 'quality', 'material_shortage'] as const;

const reportedSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  type: z.enum(exceptionTypes),
  department: z.string(),
  description: z.string(),
  reportedBy: personRef,
  reportedAt: isoInstant,
  resolution: z.string().optional(),
  resolvedAt: isoInstant.optional(),
});

const exceptionSchema = z.object({
  id: z.string(),
  type: z.string(),
  department: z.string(),
  description: z.string(),
  reportedBy: z.string(),
  reportedAt: isoInstant,
  resolution: z.string().nullable(),
  resolvedAt: isoInstant.nullable(),
});

function exceptionView(r: ExceptionRow): z.infer<typeof exceptionSchema> {
  return {
    id: r.id,
    type: r.type,
    department: r.department,
    description: r.description,
    reportedBy: r.reportedBy,
    reportedAt: r.reportedAt.toISOString(),
    resolution: r.resolution,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  report(app);
  list(app);
  resolve(app);
};

function report(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/exceptions',
    {
      schema: {
        tags: ['exceptions'],
        summary: 'Report an exception (delay, quality problem, material shortage); sales is told at once',
        params: orderNoParams,
        body: z.strictObject({
          type: z.enum(exceptionTypes),
          description: text(4000),
          /** The reporting department; defaults to the reporter's first. */
          department: z.string().min(1).max(64).optional(),
        }),
        response: responses({ 201: reportedSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      const department = request.body.department ?? actor.departments[0];
      requireAllowed(actor, 'reportException', `a department's members report its exceptions`, { department });
      const exception = await app.engine.update(
        order.orderNo,
        reportException,
        { type: request.body.type, description: request.body.description, department: department, actor },
        randomUUID(),
      );
      return reply.code(201).send(exception);
    },
  );
}

function list(app: ZodApp): void {
  app.get(
    '/orders/:orderNo/exceptions',
    {
      schema: {
        tags: ['exceptions'],
        summary: "The order's exceptions, oldest first",
        params: orderNoParams,
        response: responses({ 200: listOf(exceptionSchema) }),
      },
    },
    async (request) => {
      const order = await readableOrder(app.db, request.actor, request.params.orderNo);
      const rows = await app.db
        .select()
        .from(orderExceptions)
        .where(eq(orderExceptions.orderNo, order.orderNo))
        .orderBy(asc(orderExceptions.reportedAt), asc(orderExceptions.id));
      return { items: rows.map(exceptionView) };
    },
  );
}

function resolve(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/exceptions/:exceptionId/resolve',
    {
      schema: {
        tags: ['exceptions'],
        summary: 'Resolve an exception (the reporting department or sales)',
        params: orderNoParams.extend({ exceptionId: z.string().min(1).max(200) }),
        body: z.strictObject({ resolution: text(4000) }),
        response: responses({ 200: reportedSchema }),
      },
    },
    async (request) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      const { exceptionId } = request.params;
      const [row] = await app.db.select().from(orderExceptions).where(eq(orderExceptions.id, exceptionId));
      if (!row || row.orderNo !== order.orderNo) throw new ApiError(404, 'NOT_FOUND', `exception ${exceptionId} does not exist`);
      requireAllowed(actor, 'resolveException', `${row.department} or sales resolve this exception`, { department: row.department });
      return app.engine.update(order.orderNo, resolveException, { exceptionId, resolution: request.body.resolution, actor }, randomUUID());
    },
  );
}

export default routes;
