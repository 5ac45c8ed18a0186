import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receivablesWorkflowId, recordInvoice, recordPayment } from '../../../../workflows/receivables/messages';
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

function invoiceRoute(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/invoices',
    {
      schema: {
        tags: ['finance'],
        summary: 'Record an invoice (finance); invoices beyond the contract total are refused with 409',
        params: orderNoParams,
        headers: idempotencyHeader,
        body: invoiceBody,
        response: responses({ 201: financeSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      requireAllowed(actor, 'recordFinance', 'finance records invoices and payments');
      await receivablesOf(app, order.orderNo);
      const key = request.headers['idempotency-key'];
      const updateId = `invoice:${key ? `${actor.sub}:${key}` : randomUUID()}`;
      const v = await app.engine.updateWorkflow(
        receivablesWorkflowId(order.orderNo),
        recordInvoice,
        { ...request.body, actor },
        updateId,
        order.orderNo,
      );
      return reply.code(201).send(view(v));
    },
  );
}

function paymentRoute(app: ZodApp): void {
  app.post(
    '/orders/:orderNo/payments',
    {
      schema: {
        tags: ['finance'],
        summary: 'Record a payment (finance) against an instalment, the earliest unpaid one unless named',
        params: orderNoParams,
        headers: idempotencyHeader,
        body: paymentBody,
        response: responses({ 201: financeSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      requireAllowed(actor, 'recordFinance', 'finance records invoices and payments');
      await receivablesOf(app, order.orderNo);
      const key = request.headers['idempotency-key'];
      const updateId = `payment:${key ? `${actor.sub}:${key}` : randomUUID()}`;
      const v = await app.engine.updateWorkflow(
        receivablesWorkflowId(order.orderNo),
        recordPayment,
        { ...request.body, actor },
        updateId,
        order.orderNo,
      );
      return reply.code(201).send(view(v));
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  readRoute(app);
  invoiceRoute(app);
  paymentRoute(app);
};

export default routes;
