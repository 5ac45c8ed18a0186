import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allows, memberDepartments } from '../../../../workflows/access';
import { issueRectificationNotice, issueWorkflowId } from '../../../../workflows/inspection/messages';
import { issueStatuses } from '../../../../workflows/inspection/types';
import type { Actor } from '../../../../workflows/order/types';
import { text } from '../../../lib/text';
import { ApiError } from '../../../orders/errors';
import { isoDateString } from '../../../orders/schema';
import { requireAllowed } from '../../http/access';
import { cursorQuery, departmentQuery, limitQuery, orderNoQuery, pageOf, responses, type ZodApp } from '../../http/schemas';
import { findIssue, issueHistory, listIssues, type IssueRow } from './queries';
import { issueDetailSchema, issueSummary, issueSummarySchema, issueTimeline } from './views';

// The issue log (002 §5): issues with their loop and timeline, and audit's rectification
// notices (002 §6.1.2). A department sees the issues it must rectify or found; auditors,
// audit and management see them all.

const idParams = z.object({ id: z.string().min(1).max(300) });

/** Every issue, or only those of the actor's departments. */
const scopeOf = (actor: Actor): string[] | undefined => (allows(actor, 'readInspections') ? undefined : memberDepartments(actor));

async function readableIssue(app: ZodApp, actor: Actor, id: string): Promise<IssueRow> {
  const row = await findIssue(app.db, id);
  const scope = scopeOf(actor);
  if (!row || (scope && !scope.includes(row.department) && !scope.includes(row.foundByDepartment))) {
    throw new ApiError(404, 'NOT_FOUND', `issue ${id} does not exist`);
  }
  return row;
}

function listIssuesRoute(app: ZodApp): void {
  app.get(
    '/issues',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The issue log, newest first: your departments’ issues, or all for auditors, audit and management',
        querystring: z.strictObject({
          status: z.enum(issueStatuses).optional(),
          department: departmentQuery.optional(),
          severity: z.enum(['high', 'medium', 'low']).optional(),
          orderNo: orderNoQuery.optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(issueSummarySchema) }),
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const departments = scopeOf(request.actor);
      if (departments?.length === 0) return { items: [], nextCursor: null };
      const { rows, nextCursor } = await listIssues(app.db, { ...filter, departments }, cursor, limit);
      return { items: rows.map(issueSummary), nextCursor };
    },
  );
}

function issueRoute(app: ZodApp): void {
  app.get(
    '/issues/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'One issue with its root cause, plan and full timeline',
        params: idParams,
        response: responses({ 200: issueDetailSchema }),
      },
    },
    async (request) => {
      const row = await readableIssue(app, request.actor, request.params.id);
      return {
        ...issueSummary(row),
        rootCause: row.rootCause,
        plan: row.plan,
        timeline: issueTimeline(await issueHistory(app.db, row.id)),
      };
    },
  );
}

function noticeRoute(app: ZodApp): void {
  app.post(
    '/issues/:id/notices',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Internal audit issues a rectification notice on an issue, with its own deadline (002 §6.1.2)',
        params: idParams,
        body: z.strictObject({ requirements: text(4000), deadline: isoDateString.optional() }),
        response: responses({ 201: z.object({ taskId: z.string() }) }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const row = await readableIssue(app, actor, request.params.id);
      requireAllowed(actor, 'issueRectificationNotice', 'internal audit issues rectification notices');
      const result = await app.engine.updateWorkflow(
        issueWorkflowId(row.id),
        issueRectificationNotice,
        { ...request.body, actor },
        randomUUID(),
      );
      return reply.code(201).send(result);
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  listIssuesRoute(app);
  issueRoute(app);
  noticeRoute(app);
};

export default routes;
