import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receivablesWorkflowId, recordInvoice, recordPayment } from '../../../../workflows/receivables/messages';
import type { Actor } from '../../../../workflows/order/types';
import type { ReceivablesView } from '../../../../workflows/receivables/types';
import { orderReceivables } from '../../../db/schema';
import { text } from '../../../lib/text';
import { ApiError } from '../../../orders/errors';
import { isoDateString } from '../../../orders/schema';
import { readableOrder, requireAllowed } from '../../http/access';
import { idempotencyHeader, orderNoParams, responses, type ZodApp } from '../../http/schemas';

// An order's receivables (002 §2.4): the contract's instalments and what is invoiced and
// paid against them. Invoices and payments are Updates on the order's receivables workflow.

const money = z.number().positive().max(1e12);
const instalment = z.object({
  seq: z.number().int(),
  percent: z.number(),
  due: z.string(),
  afterDays: z.number().int(),
  date: z.string().optional(),
  amount: z.number(),
  paid: z.number(),
  dueAt: z.string().optional(),
  status: z.enum(['PENDING', 'DUE', 'OVERDUE', 'PAID']),
});
const financeSchema = z.object({
  orderNo: z.string(),
  currency: z.string(),
  contractTotal: z.number(),
  instalments: z.array(instalment),
  invoices: z.array(z.object({ invoiceNo: z.string(), amount: z.number(), issuedOn: z.string(), by: z.string() })),
  payments: z.array(
    z.object({
      id: z.string(),
      amount: z.number(),
      receivedOn: z.string(),
      reference: z.string(),
      instalment: z.number().int(),
      by: z.string(),
    }),
  ),
  invoicedTotal: z.number(),
  paidTotal: z.number(),
  outstanding: z.number(),
  settled: z.boolean(),
  cancelled: z.boolean(),
});

const view = (v: ReceivablesView): z.infer<typeof financeSchema> => ({
  orderNo: v.orderNo,
  currency: v.currency,
  contractTotal: v.contractTotal,
  instalments: v.instalments,
  invoices: v.invoices,
  payments: v.payments,
  invoicedTotal: v.invoicedTotal,
  paidTotal: v.paidTotal,
  outstanding: v.outstanding,
  settled: v.settled,
  cancelled: v.cancelled,
});

async function receivablesOf(app: ZodApp, orderNo: string) {
  const [row] = await app.db.select().from(orderReceivables).where(eq(orderReceivables.orderNo, orderNo));
  if (!row) throw new ApiError(409, 'NO_CONTRACT', `order ${orderNo} has no signed contract yet: nothing is receivable`);
  return row;
}

function readRoute(app: ZodApp): void {
  app.get(
    '/orders/:orderNo/finance',
    {
      schema: {
        tags: ['finance'],
        summary: "The order's instalments with what is due and paid, its invoices and payments",
        params: orderNoParams,
        response: responses({ 200: financeSchema }),
      },
    },
    async (request) => {
      const order = await readableOrder(app.db, request.actor, request.params.orderNo);
      requireAllowed(request.actor, 'readFinance', 'finance, sales, management, auditors and admins read receivables');
      const r = await receivablesOf(app, order.orderNo);
      return view({
        ...(r as unknown as ReceivablesView),
        outstanding: Math.round((r.contractTotal - r.paidTotal) * 100) / 100,
        settled: r.settled === 1,
        cancelled: r.settled === -1,
      });
    },
  );
}

const invoiceBody = z.strictObject({ invoiceNo: text(64), amount: money, issuedOn: isoDateString });
const paymentBody = z.strictObject({
  amount: money,
  receivedOn: isoDateString,
  reference: text(200),
  instalment: z.number().int().min(1).max(12).optional(),
});

const recordSchema = <B extends z.ZodType>(summary: string, body: B) => ({
  schema: {
    tags: ['finance'],
    summary,
    params: orderNoParams,
    headers: idempotencyHeader,
    body,
    response: responses({ 201: financeSchema }),
  },
});

/** What finance records (an invoice, a payment) is an Update on the order's receivables. */
async function record(
  app: ZodApp,
  request: { actor: Actor; params: { orderNo: string }; headers: { 'idempotency-key'?: string } },
  what: 'invoice' | 'payment',
  send: (workflowId: string, updateId: string, orderNo: string) => Promise<ReceivablesView>,
) {
  const { actor } = request;
  const order = await readableOrder(app.db, actor, request.params.orderNo);
  requireAllowed(actor, 'recordFinance', 'finance records invoices and payments');
  await receivablesOf(app, order.orderNo);
  const key = request.headers['idempotency-key'];
  const updateId = `${what}:${key ? `${actor.sub}:${key}` : randomUUID()}`;
  return view(await send(receivablesWorkflowId(order.orderNo), updateId, order.orderNo));
}

function recordRoutes(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/invoices',
    recordSchema('Record an invoice (finance); invoices beyond the contract total are refused with 409', invoiceBody),
    async (request, reply) => {
      const arg = { ...request.body, actor: request.actor };
      const v = await record(app, request, 'invoice', (id, updateId, orderNo) =>
        app.engine.updateWorkflow(id, recordInvoice, arg, updateId, orderNo),
      );
      return reply.code(201).send(v);
    },
  );
  app.post(
    '/orders/:orderNo/payments',
    recordSchema('Record a payment (finance) against an instalment, the earliest unpaid one unless named', paymentBody),
    async (request, reply) => {
      const arg = { ...request.body, actor: request.actor };
      const v = await record(app, request, 'payment', (id, updateId, orderNo) =>
        app.engine.updateWorkflow(id, recordPayment, arg, updateId, orderNo),
      );
      return reply.code(201).send(v);
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  readRoute(app);
  recordRoutes(app);
};

export default routes;
