import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { allows } from '../../../../workflows/access';
import { assignTask, claimTask, completeTask, orderWorkflowId, unclaimTask } from '../../../../workflows/order/messages';
import { taskStatuses, type Actor } from '../../../../workflows/order/types';
import { checkCompletion, type TaskKind } from '../../../forms/task-forms';
import { text } from '../../../lib/text';
import { requireInStock } from '../../../after-sales/stock';
import { ApiError } from '../../../orders/errors';
import { inboxScope, mayReadOrder, requireAllowed } from '../../http/access';
import { requirePublicCallbacks } from '../../http/callbacks';
import { seesTaskData } from '../../http/redact';
import {
  cursorQuery,
  departmentQuery,
  idempotencyHeader,
  limitQuery,
  orderNoQuery,
  pageOf,
  responses,
  type ZodApp,
} from '../../http/schemas';
import { findTask, listInbox, type TaskRow } from './queries';
import { taskDetail, taskDetailSchema, taskSummary, taskSummarySchema } from './views';

// Department inboxes (DESIGN §8). Every change to a task is a Temporal Update on its
// order's workflow, whose validator has the final word; the checks here answer early.

const idParams = z.object({ id: z.string().min(1).max(300) });
const taskResponses = responses({ 200: taskDetailSchema });

const routes: FastifyPluginAsyncZod = async (app) => {
  inbox(app);
  one(app);
  claim(app);
  unclaim(app);
  assign(app);
  complete(app);
};

/** The task, if the actor may read its order (or, without one, its department's work); else 404 as for a task that does not exist. */
async function readableTask(app: ZodApp, actor: Actor, id: string): Promise<TaskRow> {
  const t = await findTask(app.db, id);
  const readable =
    t &&
    (t.orderNo
      ? await mayReadOrder(app.db, actor, t.orderNo, [t.department])
      : allows(actor, 'readTaskData', { department: t.department }));
  if (!t || !readable) throw new ApiError(404, 'NOT_FOUND', `task ${id} does not exist`);
  return t;
}

/** Sends a task Update to the workflow that owns the task: its row says which (older rows: the order's). */
function updateTask<Ret, Arg>(app: ZodApp, t: TaskRow, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId: string): Promise<Ret> {
  return app.engine.updateWorkflow(t.workflowId ?? orderWorkflowId(t.orderNo ?? ''), update, arg, updateId, t.orderNo ?? undefined);
}

const detailFor = (actor: Actor, t: TaskRow) => taskDetail(t, { restricted: !seesTaskData(actor, t.department) });

/** Sends an Update about the task and answers with the task as its row now stands. */
async function afterUpdate(app: ZodApp, actor: Actor, t: TaskRow, send: () => Promise<unknown>) {
  await send();
  return detailFor(actor, (await findTask(app.db, t.id))!);
}

function inbox(app: ZodApp): void {
  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "A department's inbox: urgent first, then by due time",
        querystring: z.strictObject({
          department: departmentQuery.optional(),
          status: z.enum(taskStatuses).optional(),
          orderNo: orderNoQuery.optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(taskSummarySchema) }),
      },
    },
    async (request) => {
      const q = request.query;
      const departments = inboxScope(request.actor, q.department);
      if (departments?.length === 0) return { items: [], nextCursor: null };
      const { rows, nextCursor } = await listInbox(app.db, { departments, status: q.status, orderNo: q.orderNo }, q.cursor, q.limit);
      return { items: rows.map(taskSummary), nextCursor };
    },
  );
}

function one(app: ZodApp): void {
  app.get(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: "One task with its outcomes and the JSON Schema form of its data; another department's data is left out",
        params: idParams,
        response: taskResponses,
      },
    },
    async (request) => detailFor(request.actor, await readableTask(app, request.actor, request.params.id)),
  );
}

function claim(app: ZodApp): void {
  app.post(
    '/tasks/:id/claim',
    { schema: { tags: ['tasks'], summary: 'Claim a task of your department', params: idParams, response: taskResponses } },
    async (request) => {
      const { actor } = request;
      const t = await readableTask(app, actor, request.params.id);
      requireAllowed(actor, 'workOnTask', `${t.department} claims its tasks`, { department: t.department });
      return afterUpdate(app, actor, t, () => updateTask(app, t, claimTask, { taskId: t.id, actor }, randomUUID()));
    },
  );
}

function unclaim(app: ZodApp): void {
  app.post(
    '/tasks/:id/unclaim',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Put a claimed task back into the inbox (the claimer, or the head of its department)',
        params: idParams,
        response: taskResponses,
      },
    },
    async (request) => {
      const { actor } = request;
      const t = await readableTask(app, actor, request.params.id);
      // A task that is not claimed is the workflow's to refuse (409).
      if (t.status === 'CLAIMED') {
        requireAllowed(actor, 'unclaimTask', `the claimer or the ${t.department} head releases a task`, {
          department: t.department,
          claimedBy: t.assignee,
        });
      }
      return afterUpdate(app, actor, t, () => updateTask(app, t, unclaimTask, { taskId: t.id, actor }, randomUUID()));
    },
  );
}

function assign(app: ZodApp): void {
  app.post(
    '/tasks/:id/assign',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Give a task to a person (the head of its department), claimed or not',
        params: idParams,
        body: z.strictObject({ assignee: text(200), name: text(200).optional() }),
        response: taskResponses,
      },
    },
    async (request) => {
      const { actor } = request;
      const t = await readableTask(app, actor, request.params.id);
      requireAllowed(actor, 'assignTask', `the ${t.department} head assigns its tasks`, { department: t.department });
      const assignee = { sub: request.body.assignee, name: request.body.name };
      return afterUpdate(app, actor, t, () => updateTask(app, t, assignTask, { taskId: t.id, assignee, actor }, randomUUID()));
    },
  );
}

function complete(app: ZodApp): void {
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
        response: taskResponses,
      },
    },
    async (request) => {
      const { actor } = request;
      const t = await readableTask(app, actor, request.params.id);
      const { outcome, comment, data } = request.body;
      // Answer bad input here; the workflow's validator checks the same form again.
      const check = checkCompletion(t.kind as TaskKind, outcome, data);
      if (!check.ok) throw new ApiError(400, 'VALIDATION_FAILED', check.message, check.issues);
      // A revision or a change in the completion may name a new callback.
      await requirePublicCallbacks(check.data, app.policy.policy.notifications.allowedWebhookHosts);
      requireAllowed(actor, 'workOnTask', `${t.department} completes its tasks`, { department: t.department });
      // An on-site visit uses spare parts: more than the stock holds is a 409 that changes nothing.
      if (t.kind === 'ticket_resolution' && outcome === 'on_site')
        await requireInStock(app.db, (check.data as { spareParts?: { sku: string; quantity: number }[] }).spareParts ?? []);
      const key = request.headers['idempotency-key'];
      const completion = { taskId: t.id, outcome, comment, data: check.data, actor };
      return afterUpdate(app, actor, t, () => updateTask(app, t, completeTask, completion, key ? `complete:${t.id}:${key}` : randomUUID()));
    },
  );
}

export default routes;
