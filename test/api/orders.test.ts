import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/api/app';
import { orders as ordersTable } from '../../src/db/schema';
import type { Actor } from '../../workflows/order/types';
import { actors, reviewers, sampleOrder } from '../helpers/fixtures';
import { bearer, eventually, offlineDeps, requests, useStack } from '../helpers/api';

// Orders through the API against the real dev server, worker and database: intake, the
// lists, one order's detail, cancellation and the review loop with its audit timeline.

const bed = useStack();

const post: ReturnType<typeof requests>['post'] = (...args) => requests(bed.app).post(...args);
const get: ReturnType<typeof requests>['get'] = (...args) => requests(bed.app).get(...args);

async function createOrder(overrides = {}) {
  const res = await post('/orders', actors.sales, sampleOrder(overrides));
  expect(res.statusCode).toBe(201);
  return res.json<{ orderNo: string }>();
}

async function reviewTasks(orderNo: string, round = 1) {
  return eventually(async () => {
    const res = await get(`/tasks?orderNo=${orderNo}`, actors.auditor);
    const items = (res.json().items as { id: string; department: string; kind: string }[]).filter(
      (t) => t.kind === 'review' && t.id.includes(`.r${round}.`),
    );
    return items.length === 5 ? items : undefined;
  }, `round ${round} review tasks of ${orderNo}`);
}

const complete = (id: string, actor: Actor, outcome: string, data?: unknown) =>
  post(`/tasks/${encodeURIComponent(id)}/complete`, actor, { outcome, ...(data ? { data } : {}) });

describe('intake', () => {
  it('receives an order: 201, Location, number by the encoding rule, RECEIVED, version 1', async () => {
    const res = await post('/orders', actors.sales, sampleOrder());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.orderNo).toMatch(/^SO-\d{8}-\d{4}$/);
    expect(res.headers.location).toBe(`/orders/${body.orderNo}`);
    expect(body).toMatchObject({ status: 'RECEIVED', version: 1, kind: 'routine', urgent: false, customer: { id: 'CUST-001' } });
  });

  it('answers a retried create with the same Idempotency-Key with the same order', async () => {
    const key = `key-${Date.now()}`;
    const [a, b] = await Promise.all([
      post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key }),
      post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key }),
    ]);
    const c = await post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key });
    const numbers = new Set([a.json().orderNo, b.json().orderNo, c.json().orderNo]);
    expect(numbers.size).toBe(1);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(c.statusCode).toBe(200);
    const rows = await bed.stack.database.db
      .select()
      .from(ordersTable)
      .where(eq(ordersTable.orderNo, [...numbers][0]));
    expect(rows).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different order with 422, and keeps the first order', async () => {
    const key = `reuse-${Date.now()}`;
    const first = await post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const { orderNo } = first.json();
    const other = await post('/orders', actors.sales, sampleOrder({ paymentTerms: '100% on delivery' }), { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: `Idempotency-Key '${key}' was already used for a different request (order ${orderNo}); send a new key for a new order`,
    });
    // Key order and whitespace the schema trims away do not make a different request.
    const { paymentTerms, ...rest } = sampleOrder();
    const same = await post('/orders', actors.sales, { paymentTerms: `  ${paymentTerms}`, ...rest }, { 'idempotency-key': key });
    expect(same.statusCode).toBe(200);
    expect(same.json().orderNo).toBe(orderNo);
    const [row] = await bed.stack.database.db.select().from(ordersTable).where(eq(ordersTable.orderNo, orderNo));
    expect(row.data.paymentTerms).toBe(paymentTerms);
  });

  it('uses up no order number for a create that loses the race for its Idempotency-Key', async () => {
    const key = `race-${Date.now()}`;
    const racing = await Promise.all([1, 2, 3].map(() => post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key })));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const winner = racing.find((r) => r.statusCode === 201)!.json().orderNo as string;
    const next = (await createOrder()).orderNo;
    const seq = (orderNo: string) => Number(orderNo.split('-').at(-1));
    expect(next.slice(0, -4)).toBe(winner.slice(0, -4));
    expect(seq(next)).toBe(seq(winner) + 1);
  });

  it('rejects bad input with 400 in the error shape, and stores nothing', async () => {
    const before = (await bed.stack.database.db.select().from(ordersTable)).length;
    const cases: [string, unknown, string][] = [
      ['unknown field', { ...sampleOrder(), discount: 5 }, 'body: Unrecognized key: "discount"'],
      ['negative quantity', sampleOrder({ items: [{ ...sampleOrder().items[0], quantity: -3 }] }), 'body.items.0.quantity: '],
      ['no items', sampleOrder({ items: [] }), 'body.items: '],
      ['bad date', sampleOrder({ requestedDeliveryDate: '2027-02-30' }), 'body.requestedDeliveryDate: expected a real calendar date'],
      ['date in the past', sampleOrder({ requestedDeliveryDate: '2020-01-01' }), 'requestedDeliveryDate 2020-01-01 is in the past'],
      ['not an object', [1, 2, 3], 'body: Invalid input: expected object, received array'],
    ];
    for (const [what, payload, message] of cases) {
      const res = await post('/orders', actors.sales, payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, what).toContain(message);
    }
    const malformed = await bed.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...bearer(actors.sales), 'content-type': 'application/json' },
      payload: '{"customer": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({
      error: { code: 'INVALID_JSON', message: "Body is not valid JSON but content-type is set to 'application/json'" },
    });
    expect((await bed.stack.database.db.select().from(ordersTable)).length).toBe(before);
  });

  it("counts the customer's earlier orders, so a returning customer is no credit risk", async () => {
    const customer = { id: `CUST-RET-${Date.now()}`, name: 'Returning Works' };
    const first = await createOrder({ customer });
    const second = await createOrder({ customer });
    const credit = async (orderNo: string) =>
      eventually(async () => {
        const risks = (await get(`/orders/${orderNo}/risks`, actors.auditor)).json();
        return risks.current?.dimensions.credit as { level: string; reasons: string[] } | undefined;
      }, `the intake risk of ${orderNo}`);
    expect(await credit(first.orderNo)).toEqual({ level: 'medium', reasons: ['new customer without payment history'] });
    expect(await credit(second.orderNo)).toEqual({ level: 'low', reasons: ['known customer without overdue payments'] });
    const rows = await bed.stack.database.db.select().from(ordersTable).where(eq(ordersTable.customerId, customer.id));
    expect(rows.map((r) => (r.startInput as { previousOrders?: number }).previousOrders).sort()).toEqual([0, 1]);
  });

  it('lets only sales and sales_admin receive orders', async () => {
    const res = await post('/orders', actors.production, sampleOrder());
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'FORBIDDEN', message: 'only sales and sales_admin receive orders' });
  });

  it('marks an order urgent by rule and sorts its tasks first in the inbox', async () => {
    const normal = await createOrder();
    const urgent = await createOrder({ customer: { id: 'KEY-1', name: 'Key Customer', tier: 'key' } });
    const got = (await get(`/orders/${urgent.orderNo}`, actors.auditor)).json();
    expect(got).toMatchObject({ urgent: true, urgentRules: ['key_customer'] });
    await reviewTasks(normal.orderNo);
    // The urgent lane starts with sales confirming the order with the customer.
    const confirm = await eventually(async () => {
      const items = (await get(`/tasks?orderNo=${urgent.orderNo}`, actors.sales)).json().items as { id: string; kind: string }[];
      return items.find((t) => t.kind === 'urgent_confirmation');
    }, 'urgent confirmation');
    const confirmed = await complete(confirm.id, actors.sales, 'confirmed', {
      confirmedWithCustomer: true,
      requestedDate: sampleOrder().requestedDeliveryDate,
      reason: 'key account',
    });
    expect(confirmed.statusCode).toBe(200);
    await reviewTasks(urgent.orderNo);
    const inbox = (await get('/tasks?department=production', actors.production)).json().items as { orderNo: string; priority: string }[];
    const firstNormal = inbox.findIndex((t) => t.priority === 'normal');
    const lastUrgent = inbox.map((t) => t.priority).lastIndexOf('urgent');
    expect(lastUrgent).toBeGreaterThanOrEqual(0);
    expect(lastUrgent).toBeLessThan(firstNormal);
  });
});

describe('lists and detail', () => {
  it('lists with filters and a cursor, and shows one order with its open tasks', async () => {
    const a = await createOrder({ customer: { id: 'LIST-1', name: 'Lister' } });
    const b = await createOrder({ customer: { id: 'LIST-1', name: 'Lister' } });
    const page1 = (await get('/orders?customerId=LIST-1&limit=1', actors.auditor)).json();
    expect(page1.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([b.orderNo]);
    const page2 = (await get(`/orders?customerId=LIST-1&limit=1&cursor=${page1.nextCursor}`, actors.auditor)).json();
    expect(page2.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([a.orderNo]);
    expect(page2.nextCursor).toBeNull();
    expect((await get('/orders?cursor=garbage', actors.auditor)).json().error.message).toBe('cursor is not one this API issued');
    expect((await get('/orders?status=NOPE', actors.auditor)).statusCode).toBe(400);

    await reviewTasks(a.orderNo);
    const one = (await get(`/orders/${a.orderNo}`, actors.production)).json();
    expect(one).toMatchObject({ orderNo: a.orderNo, status: 'IN_REVIEW', version: 1, reviewRound: 1, cancelled: null });
    expect(one.openTasks.map((t: { department: string }) => t.department).sort()).toEqual([
      'engineering',
      'finance',
      'procurement',
      'production',
      'quality',
    ]);
    expect((await get('/orders/SO-19990101-0001', actors.auditor)).json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'order SO-19990101-0001 does not exist' },
    });
  });

  it('serves one order from its rows: the detail answers while the engine is down', async () => {
    const { orderNo } = await createOrder();
    await reviewTasks(orderNo);
    const offline = await buildApp(offlineDeps(bed.stack.database));
    try {
      const res = await offline.inject({ method: 'GET', url: `/orders/${orderNo}`, headers: bearer(actors.auditor) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ orderNo, status: 'IN_REVIEW', reviewRound: 1 });
      expect(res.json().openTasks).toHaveLength(5);
    } finally {
      await offline.close();
      await offline.temporal.connection.close();
    }
  });
});

describe('cancellation', () => {
  it('cancels an order and its open tasks; a second cancel is a 409', async () => {
    const { orderNo } = await createOrder();
    await reviewTasks(orderNo);
    expect((await post(`/orders/${orderNo}/cancel`, actors.production, { reason: 'x' })).statusCode).toBe(403);
    expect((await post(`/orders/${orderNo}/cancel`, actors.sales, {})).statusCode).toBe(400);
    const res = await post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'CANCELLED', openTasks: [], cancelled: { reason: 'customer withdrew' } });
    expect((await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items).toEqual([]);
    expect((await get(`/orders/${orderNo}`, actors.auditor)).json().status).toBe('CANCELLED');
    const again = await post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ORDER_NOT_ACTIVE');
    const cancelled = (await get(`/tasks?orderNo=${orderNo}&status=CANCELLED`, actors.auditor)).json().items;
    expect(cancelled).toHaveLength(5);
    const late = await complete(cancelled[0].id, reviewers[cancelled[0].department], 'approve');
    expect(late.statusCode).toBe(409);
  });
});

describe('the review loop through the API', () => {
  it('reject with reasons → renegotiate → revise → round 2 approved → CONTRACTING, with a readable history', async () => {
    const { orderNo } = await createOrder();
    for (const t of await reviewTasks(orderNo)) {
      const res =
        t.department === 'procurement'
          ? await complete(t.id, actors.procurement, 'reject', {
              reasons: ['stainless 304 bar stock short until March'],
              suggestions: ['accept 316 at +4%'],
            })
          : await complete(t.id, reviewers[t.department], 'approve');
      expect(res.statusCode).toBe(200);
    }
    const reneg = await eventually(async () => {
      const items = (await get(`/tasks?orderNo=${orderNo}&department=sales`, actors.sales)).json().items;
      return items.find((t: { kind: string }) => t.kind === 'renegotiation') as { id: string } | undefined;
    }, 'renegotiation task');
    expect((await get(`/orders/${orderNo}`, actors.sales)).json().status).toBe('RENEGOTIATING');
    const detail = (await get(`/tasks/${encodeURIComponent(reneg.id)}`, actors.sales)).json();
    expect(detail.context.rejections[0]).toMatchObject({
      department: 'procurement',
      reasons: ['stainless 304 bar stock short until March'],
      suggestions: ['accept 316 at +4%'],
    });

    const revised = sampleOrder().items.map((i) => ({ ...i, spec: 'DN50 PN16 stainless 316', unitPrice: 189.8 }));
    const revise = await complete(reneg.id, actors.sales, 'revise', { revision: { items: revised }, summary: 'switch to 316' });
    expect(revise.statusCode).toBe(200);
    for (const t of await reviewTasks(orderNo, 2)) expect((await complete(t.id, reviewers[t.department], 'approve')).statusCode).toBe(200);

    const order = await eventually(async () => {
      const o = (await get(`/orders/${orderNo}`, actors.auditor)).json();
      return o.status === 'CONTRACTING' ? o : undefined;
    }, 'CONTRACTING');
    expect(order).toMatchObject({ version: 2, reviewRound: 2 });
    expect(order.order.items[0].spec).toBe('DN50 PN16 stainless 316');
    expect(order.signOffs.filter((s: { round: number }) => s.round === 2).map((s: { department: string }) => s.department)).toEqual([
      'engineering',
      'finance',
      'procurement',
      'production',
      'quality',
    ]);

    const history = await get(`/orders/${orderNo}/history`, actors.auditor);
    expect(history.statusCode).toBe(200);
    const events = history.json().events as { type: string; status?: string; by?: { sub: string }; dueAt?: string; outcome?: string }[];
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('order_received');
    expect(types).toEqual(expect.arrayContaining(['task_created', 'task_completed', 'status_changed', 'order_revised', 'review_passed']));
    expect(events.find((e) => e.type === 'task_completed' && e.outcome === 'reject')?.by?.sub).toBe(actors.procurement.sub);
    expect(events.filter((e) => e.type === 'task_created').every((e) => e.dueAt)).toBe(true);
    expect(events.filter((e) => e.type === 'status_changed').map((e) => e.status)).toEqual([
      'IN_REVIEW',
      'RENEGOTIATING',
      'IN_REVIEW',
      'CONTRACTING',
    ]);
  });
});
