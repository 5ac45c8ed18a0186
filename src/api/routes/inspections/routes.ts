import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zonedTime } from '../../../../workflows/calendar';
import { allows, memberDepartments } from '../../../../workflows/access';
import { inspectionWorkflowId } from '../../../../workflows/inspection/messages';
import { inspectionKinds, type InspectionWorkflowInput } from '../../../../workflows/inspection/types';
import { calendarOf } from '../../../../workflows/policy';
import type { Actor } from '../../../../workflows/order/types';
import { inspections } from '../../../db/schema';
import { ApiError } from '../../../orders/errors';
import { isoDateString } from '../../../orders/schema';
import { listInspectionSchedules } from '../../../temporal/schedules';
import { requireAllowed } from '../../http/access';
import { cursorQuery, idempotencyHeader, limitQuery, listOf, pageOf, responses, type ZodApp } from '../../http/schemas';
import { computeSummary, findInspection, listInspections, storedSummary, storeSummary } from './queries';
import { inspectionDetail, inspectionDetailSchema, inspectionSummary, inspectionSummarySchema } from './views';
import { scheduleSchema, summarySchema } from './schemas';

// Inspection runs (002 §3.3): the schedules, the runs with their findings, audit samples
// and the monthly summary. A department sees the runs it inspects; auditors, audit and
// management see them all.

const idParams = z.object({ id: z.string().min(1).max(300) });
const monthQuery = z.string().regex(/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/, 'expected YYYY-MM between 1970-01 and 2999-12');
const scopeOf = (actor: Actor): string[] | undefined => (allows(actor, 'readInspections') ? undefined : memberDepartments(actor));

const routes: FastifyPluginAsyncZod = async (app) => {
  schedules(app);
  summary(app);
  list(app);
  one(app);
  sample(app);
};

function schedules(app: ZodApp): void {
  app.get(
    '/inspections/schedules',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The recurring inspections as Temporal Schedules',
        response: responses({ 200: listOf(scheduleSchema) }),
      },
    },
    async () => ({ items: await app.engine.call(() => listInspectionSchedules(app.temporal)) }),
  );
}

function summary(app: ZodApp): void {
  app.get(
    '/inspections/summary',
    {
      schema: {
        tags: ['inspections'],
        summary:
          "A month's issues found, closed, overdue and reopened per department and inspection kind (002 §5.5.1); stored once the month has ended",
        querystring: z.strictObject({ month: monthQuery }),
        response: responses({ 200: summarySchema }),
      },
    },
    async (request) => {
      const { actor } = request;
      if (!allows(actor, 'readInspections') && !allows(actor, 'readKpis'))
        throw new ApiError(403, 'FORBIDDEN', 'only auditors, audit, management and department heads read the inspection summary');
      const { month } = request.query;
      const stored = await storedSummary(app.db, month);
      if (stored) return { ...stored, final: true };
      const cal = calendarOf(app.policy.policy);
      const [y, m] = month.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const start = zonedTime(cal, `${month}-01`, '00:00');
      const end = zonedTime(cal, `${next}-01`, '00:00');
      const computed = await computeSummary(app.db, month, start, end);
      const ended = Date.now() >= end.getTime();
      if (ended) await storeSummary(app.db, computed, new Date());
      return { ...computed, final: ended };
    },
  );
}

function list(app: ZodApp): void {
  app.get(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Inspection runs, newest first',
        querystring: z.strictObject({ kind: z.enum(inspectionKinds).optional(), cursor: cursorQuery, limit: limitQuery }),
        response: responses({ 200: pageOf(inspectionSummarySchema) }),
      },
    },
    async (request) => {
      const departments = scopeOf(request.actor);
      if (departments?.length === 0) return { items: [], nextCursor: null };
      const { rows, nextCursor } = await listInspections(
        app.db,
        { departments, kind: request.query.kind },
        request.query.cursor,
        request.query.limit,
      );
      return { items: rows.map(inspectionSummary), nextCursor };
    },
  );
}

function one(app: ZodApp): void {
  app.get(
    '/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'One inspection run with its orders, findings and decisions',
        params: idParams,
        response: responses({ 200: inspectionDetailSchema }),
      },
    },
    async (request) => {
      const row = await findInspection(app.db, request.params.id);
      const scope = scopeOf(request.actor);
      if (!row || (scope && !scope.includes(row.department)))
        throw new ApiError(404, 'NOT_FOUND', `inspection ${request.params.id} does not exist`);
      return inspectionDetail(row);
    },
  );
}

function sample(app: ZodApp): void {
  app.post(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Internal audit draws a random sample of N orders received in a period and inspects them (002 §3.3.2)',
        headers: idempotencyHeader,
        body: z.strictObject({ from: isoDateString, to: isoDateString, size: z.number().int().min(1).max(500) }),
        response: responses({ 201: inspectionDetailSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      requireAllowed(actor, 'drawAuditSample', 'internal audit draws audit samples');
      const { from, to, size } = request.body;
      const { policy } = app.policy;
      if (from > to)
        throw new ApiError(400, 'VALIDATION_FAILED', 'from must not be after to', [{ path: 'body.from', message: 'after to' }]);
      if (size > policy.inspection.maxAuditSample) {
        throw new ApiError(400, 'VALIDATION_FAILED', `size is at most ${policy.inspection.maxAuditSample}`, [
          { path: 'body.size', message: `at most ${policy.inspection.maxAuditSample}` },
        ]);
      }
      const key = request.headers['idempotency-key'];
      const id = `audit-${key ? createHash('sha256').update(`${actor.sub}:${key}`).digest('hex').slice(0, 20) : randomUUID()}`;
      const existing = await findInspection(app.db, id);
      if (existing) return reply.code(201).send(inspectionDetail(existing));
      const startedAt = new Date();
      const row = {
        id,
        kind: 'audit',
        department: policy.inspection.auditDepartment,
        status: 'CHECKING',
        sample: { from, to, size },
        startedBy: actor.name,
        startedAt,
      };
      await app.db.insert(inspections).values(row).onConflictDoNothing({ target: inspections.id });
      const input: InspectionWorkflowInput = {
        kind: 'audit',
        id,
        policy: app.policy,
        startedBy: { sub: actor.sub, name: actor.name },
        sample: { from, to, size },
      };
      await app.engine.call(() =>
        app.temporal.workflow.start('inspectionWorkflow', {
          workflowId: inspectionWorkflowId(id),
          taskQueue: app.engine.taskQueue,
          args: [input],
        }),
      );
      return reply.code(201).send(inspectionDetail((await findInspection(app.db, id))!));
    },
  );
}

export default routes;
