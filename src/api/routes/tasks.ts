import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tasks } from '../../db/schema';
import { checkCompletion, type TaskKind } from '../../forms/task-forms';
import { claimTask, completeTask, orderWorkflowId } from '../../../workflows/order/messages';
import { taskStatuses, type Actor } from '../../../workflows/order/types';
import { ApiError } from '../../orders/errors';
import { callEngine } from '../engine';
import { decodeCursor, encodeCursor, limitParam } from '../pagination';
import { departmentScope, isReader, worksIn } from '../plugins/auth';
import { taskDetail, taskSummary } from '../views';
import type { AppDeps } from '../app';

type TaskRow = typeof tasks.$inferSelect;

const idParams = z.object({ id: z.string().min(1).max(300) });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db } = deps.database;

  async function loadTask(id: string): Promise<TaskRow> {
    const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    if (!row) throw new ApiError(404, 'NOT_FOUND', `task ${id} does not exist`);
    return row;
  }

  function assertMayRead(actor: Actor, t: TaskRow): void {
    if (!isReader(actor) && !worksIn(actor, t.department)) throw new ApiError(403, 'FORBIDDEN', `task ${t.id} belongs to ${t.department}`);
  }

  /** Sends an Update to the task's order workflow; its validator has the final word. */
  async function update<R>(
    t: TaskRow,
    call: (handle: ReturnType<typeof deps.temporal.workflow.getHandle>) => Promise<R>,
  ): Promise<TaskRow> {
    await callEngine(deps, () => call(deps.temporal.workflow.getHandle(orderWorkflowId(t.orderNo))));
    return loadTask(t.id);
  }

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "A department's inbox: urgent first, then by due time",
        querystring: z.strictObject({
          department: z.string().min(1).optional(),
          status: z.enum(taskStatuses).optional(),
          orderNo: z.string().min(1).optional(),
          cursor: z.string().optional(),
          limit: limitParam,
        }),
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const where: SQL[] = [];
      const scope = departmentScope(actor, q.department);
      if (scope?.length === 0) return { items: [], nextCursor: null };
      if (scope) where.push(inArray(tasks.department, scope));
      where.push(q.status ? eq(tasks.status, q.status) : inArray(tasks.status, ['OPEN', 'CLAIMED']));
      if (q.orderNo) where.push(eq(tasks.orderNo, q.orderNo));
      const after = decodeCursor(q.cursor, z.tuple([z.number().int(), z.string(), z.string()]));
      if (after) {
        const [p, due, id] = after;
        const dueAt = new Date(due);
        where.push(
          or(
            lt(tasks.priority, p),
            and(eq(tasks.priority, p), gt(tasks.dueAt, dueAt)),
            and(eq(tasks.priority, p), eq(tasks.dueAt, dueAt), gt(tasks.id, id)),
          )!,
        );
      }
      const rows = await db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(desc(tasks.priority), asc(tasks.dueAt), asc(tasks.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(taskSummary),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.priority, last.dueAt.toISOString(), last.id]) : null,
      };
    },
  );

  app.get(
    '/tasks/:id',
    {
      schema: { tags: ['tasks'], summary: 'One task with its outcomes and the JSON Schema form of its data', params: idParams },
    },
    async (request) => {
      const t = await loadTask(request.params.id);
      assertMayRead(request.actor, t);
      return taskDetail(t);
    },
  );

  app.post(
    '/tasks/:id/claim',
    {
      schema: { tags: ['tasks'], summary: 'Claim a task of your department', params: idParams },
    },
    async (request) => {
      const t = await loadTask(request.params.id);
      const updated = await update(t, (h) =>
        h.executeUpdate(claimTask, { args: [{ taskId: t.id, actor: request.actor }], updateId: randomUUID() }),
      );
      return taskDetail(updated);
    },
  );

  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task with an outcome (a Temporal Update on the order workflow)',
        params: idParams,
        headers: idempotencyHeader,
        body: z.strictObject({
          outcome: z.string().min(1).max(64),
          comment: z.string().max(4000).optional(),
          data: z.record(z.string(), z.unknown()).optional(),
        }),
      },
    },
    async (request) => {
      const t = await loadTask(request.params.id);
      const { outcome, comment, data } = request.body;
      // Answer bad input here; the workflow's validator checks the same form again.
      const check = checkCompletion(t.kind as TaskKind, outcome, data);
      if (!check.ok) throw new ApiError(400, 'VALIDATION_FAILED', check.message, check.issues);
      const key = request.headers['idempotency-key'];
      const updated = await update(t, (h) =>
        h.executeUpdate(completeTask, {
          args: [{ taskId: t.id, outcome, comment, data: check.data, actor: request.actor }],
          updateId: key ? `complete:${t.id}:${key}` : randomUUID(),
        }),
      );
      return taskDetail(updated);
    },
  );
};

export default routes;
