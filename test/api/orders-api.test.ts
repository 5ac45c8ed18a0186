import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/api/app';
import { orders as ordersTable, tasks as tasksTable } from '../../src/db/schema';
import { receiveOrder, startPendingOrders } from '../../src/orders/intake';
import { buildPolicy } from '../../src/policy/load';
import { createTemporalClient } from '../../src/temporal/client';
import type { Actor } from '../../workflows/order/types';
import { actors, reviewers, sampleOrder } from '../helpers/fixtures';
import { bearer, eventually, JWT_SECRET, requests, useStack } from '../helpers/api';

const bed = useStack();

const post: ReturnType<typeof requests>['post'] = (...args) => requests(bed.app).post(...args);
const get: ReturnType<typeof requests>['get'] = (...args) => requests(bed.app).get(...args);

async function createOrder(overrides = {}) {
  const res = await post('/orders', actors.sales, sampleOrder(overrides));
  expect(res.statusCode).toBe(201);
  return res.json() as { orderNo: string };
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

const complete = (id: string, actor: Actor, outcome: string, data?: unknown, headers?: Record<string, string>) =>
  post(`/tasks/${encodeURIComponent(id)}/complete`, actor, { outcome, ...(data ? { data } : {}) }, headers);

describe('authentication', () => {
  it('refuses a missing or invalid bearer token with 401', async () => {
    expect((await get('/orders')).statusCode).toBe(401);
    const bad = await bed.app.inject({ method: 'GET', url: '/orders', headers: { authorization: 'Bearer not-a-jwt' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('serves health, metrics and the OpenAPI document without a token', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ database: 'ok', temporal: 'ok' });
    expect((await get('/metrics')).body).toContain('http_request_duration_seconds');
    const doc = (await get('/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/orders', '/tasks/{id}/complete', '/calendar/due']));
  });
});

describe('intake', () => {
  it('receives an order: 201, Location, number by the encoding rule, RECEIVED, version 1', async () => {
    const res = await post('/orders', actors.sales, sampleOrder());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.orderNo).toMatch(/^SO-\d{8}-\d{4}$/);
    expect(res.headers.location).toBe(`/orders/${body.orderNo}`);
    expect(body).toMatchObject({ status: 'RECEIVED', version: 1, kind: 'routine', urgent: false });
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

  it('rejects bad input with 400 in the error shape, and stores nothing', async () => {
    const before = (await bed.stack.database.db.select().from(ordersTable)).length;
    const cases: [string, unknown][] = [
      ['unknown field', { ...sampleOrder(), discount: 5 }],
      ['negative quantity', sampleOrder({ items: [{ ...sampleOrder().items[0], quantity: -3 }] })],
      ['no items', sampleOrder({ items: [] })],
      ['bad date', sampleOrder({ requestedDeliveryDate: '2027-02-30' })],
      ['date in the past', sampleOrder({ requestedDeliveryDate: '2020-01-01' })],
      ['not an object', [1, 2, 3]],
    ];
    for (const [what, payload] of cases) {
      const res = await post('/orders', actors.sales, payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error, what).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    const malformed = await bed.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...bearer(actors.sales), 'content-type': 'application/json' },
      payload: '{"customer": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBeTruthy();
    expect((await bed.stack.database.db.select().from(ordersTable)).length).toBe(before);
  });

  it('lets only sales and sales_admin receive orders', async () => {
    const res = await post('/orders', actors.production, sampleOrder());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
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

describe('orders', () => {
  it('lists with filters and a cursor, and shows one order with its open tasks', async () => {
    const a = await createOrder({ customer: { id: 'LIST-1', name: 'Lister' } });
    const b = await createOrder({ customer: { id: 'LIST-1', name: 'Lister' } });
    const page1 = (await get('/orders?customerId=LIST-1&limit=1', actors.auditor)).json();
    expect(page1.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([b.orderNo]);
    const page2 = (await get(`/orders?customerId=LIST-1&limit=1&cursor=${page1.nextCursor}`, actors.auditor)).json();
    expect(page2.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([a.orderNo]);
    expect((await get('/orders?cursor=garbage', actors.auditor)).statusCode).toBe(400);
    expect((await get('/orders?status=NOPE', actors.auditor)).statusCode).toBe(400);

    await reviewTasks(a.orderNo);
    const one = (await get(`/orders/${a.orderNo}`, actors.production)).json();
    expect(one).toMatchObject({ orderNo: a.orderNo, status: 'IN_REVIEW', version: 1, reviewRound: 1 });
    expect(one.openTasks).toHaveLength(5);
    expect((await get('/orders/SO-19990101-0001', actors.auditor)).statusCode).toBe(404);
  });
});

describe('tasks', () => {
  it('scopes inboxes to departments; auditors see all', async () => {
    const { orderNo } = await createOrder();
    await reviewTasks(orderNo);
    const mine = (await get(`/tasks?orderNo=${orderNo}`, actors.production)).json().items;
    expect(mine.map((t: { department: string }) => t.department)).toEqual(['production']);
    expect((await get('/tasks?department=finance', actors.production)).statusCode).toBe(403);
    const all = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items;
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual({
      id: expect.any(String),
      orderNo,
      department: expect.any(String),
      kind: 'review',
      title: expect.any(String),
      status: 'OPEN',
      priority: 'normal',
      dueAt: expect.any(String),
      overdue: false,
      assignee: null,
      outcomes: ['approve', 'reject', 'infeasible'],
      markers: [],
    });
  });

  it('describes each task with outcomes and JSON Schema forms', async () => {
    const { orderNo } = await createOrder();
    const [t] = await reviewTasks(orderNo);
    const res = await get(`/tasks/${encodeURIComponent(t.id)}`, actors.auditor);
    expect(res.statusCode).toBe(200);
    const task = res.json();
    expect(task.outcomes).toEqual(['approve', 'reject', 'infeasible']);
    expect(task.form.type).toBe('object');
    expect(task.forms.reject.required).toContain('reasons');
    expect((await get('/tasks/nope', actors.auditor)).statusCode).toBe(404);
    expect((await get(`/tasks/${encodeURIComponent(t.id)}`, actors.sales)).statusCode).toBe(403);
  });

  it('answers completion with 200, 400, 403, 404 and 409 as the contract says', async () => {
    const { orderNo } = await createOrder();
    const tasks = await reviewTasks(orderNo);
    const quality = tasks.find((t) => t.department === 'quality')!;
    const finance = tasks.find((t) => t.department === 'finance')!;

    expect((await complete('SO-00000000-0000.review.r1.quality', actors.quality, 'approve')).statusCode).toBe(404);
    expect((await complete(finance.id, actors.quality, 'approve')).statusCode).toBe(403);
    const noReasons = await complete(quality.id, actors.quality, 'reject');
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().error.message).toMatch(/reasons/);
    expect((await complete(quality.id, actors.quality, 'perhaps')).statusCode).toBe(400);
    expect(
      (await post(`/tasks/${encodeURIComponent(quality.id)}/complete`, actors.quality, { outcome: 'approve', extra: 1 })).statusCode,
    ).toBe(400);
    expect((await post(`/tasks/${encodeURIComponent(quality.id)}/complete`, actors.auditor, { outcome: 'approve' })).statusCode).toBe(403);

    const ok = await complete(quality.id, actors.quality, 'approve', { notes: 'inspection plan attached' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: quality.id, status: 'COMPLETED', outcome: 'approve', completedBy: { sub: actors.quality.sub } });
    const again = await complete(quality.id, actors.quality, 'approve');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TASK_NOT_OPEN');
  });

  it('lets exactly one of two concurrent completions win; the other gets 409', async () => {
    const { orderNo } = await createOrder();
    const production = (await reviewTasks(orderNo)).find((t) => t.department === 'production')!;
    const results = await Promise.all([
      complete(production.id, actors.production, 'approve'),
      complete(production.id, actors.productionHead, 'reject', { reasons: ['no capacity'] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.id, production.id));
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect(row.outcome).toBe(winner.outcome);
  });

  it('returns the first result to a repeated completion with the same Idempotency-Key', async () => {
    const { orderNo } = await createOrder();
    const engineering = (await reviewTasks(orderNo)).find((t) => t.department === 'engineering')!;
    const first = await complete(engineering.id, actors.engineering, 'approve', undefined, { 'idempotency-key': 'once' });
    const second = await complete(engineering.id, actors.engineering, 'approve', undefined, { 'idempotency-key': 'once' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json().completedAt).toBe(first.json().completedAt);
  });

  it('claims a task for one person; others in the department then get 409', async () => {
    const { orderNo } = await createOrder();
    const production = (await reviewTasks(orderNo)).find((t) => t.department === 'production')!;
    const claim = await post(`/tasks/${encodeURIComponent(production.id)}/claim`, actors.production);
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ status: 'CLAIMED', assignee: actors.production.sub });
    expect((await complete(production.id, actors.productionHead, 'approve')).statusCode).toBe(409);
    expect((await complete(production.id, actors.production, 'approve')).statusCode).toBe(200);
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
    expect((await complete(reneg.id, actors.sales, 'revise', { revision: { items: revised }, summary: 'switch to 316' })).statusCode).toBe(
      200,
    );
    for (const t of await reviewTasks(orderNo, 2)) expect((await complete(t.id, reviewers[t.department], 'approve')).statusCode).toBe(200);

    const order = await eventually(async () => {
      const o = (await get(`/orders/${orderNo}`, actors.auditor)).json();
      return o.status === 'CONTRACTING' ? o : undefined;
    }, 'CONTRACTING');
    expect(order).toMatchObject({ version: 2, reviewRound: 2 });
    expect(order.order.items[0].spec).toBe('DN50 PN16 stainless 316');
    expect(order.signOffs.filter((s: { round: number }) => s.round === 2)).toHaveLength(5);

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
    expect((await get(`/orders/${orderNo}/history`, actors.production)).statusCode).toBe(200);
  });

  it('cancels an order and its open tasks; a second cancel is a 409', async () => {
    const { orderNo } = await createOrder();
    await reviewTasks(orderNo);
    expect((await post(`/orders/${orderNo}/cancel`, actors.production, { reason: 'x' })).statusCode).toBe(403);
    expect((await post(`/orders/${orderNo}/cancel`, actors.sales, {})).statusCode).toBe(400);
    const res = await post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('CANCELLED');
    const open = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items;
    expect(open).toHaveLength(0);
    expect((await get(`/orders/${orderNo}`, actors.auditor)).json().status).toBe('CANCELLED');
    expect((await post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'again' })).statusCode).toBe(409);
    const cancelled = (await get(`/tasks?orderNo=${orderNo}&status=CANCELLED`, actors.auditor)).json().items;
    expect(cancelled).toHaveLength(5);
    const late = await complete(cancelled[0].id, reviewers[cancelled[0].department], 'approve');
    expect(late.statusCode).toBe(409);
  });
});

describe('calendar', () => {
  it('computes working-day and hour deadlines on the PRC calendar', async () => {
    const a = await get('/calendar/due?start=2025-09-30T10:00:00%2B08:00&workingDays=2', actors.sales);
    expect(a.json().dueAt).toBe('2025-10-10T10:00:00.000Z');
    const b = await get('/calendar/due?start=2026-02-13T15:00:00%2B08:00&workingDays=2', actors.sales);
    expect(b.json().dueAt).toBe('2026-02-24T10:00:00.000Z');
    const c = await get('/calendar/due?start=2026-02-13T15:00:00%2B08:00&hours=4', actors.sales);
    expect(c.json().dueAt).toBe('2026-02-13T11:00:00.000Z');
    expect((await get('/calendar/due?start=yesterday&workingDays=2', actors.sales)).statusCode).toBe(400);
    expect((await get('/calendar/due?start=2026-02-13T15:00:00Z', actors.sales)).statusCode).toBe(400);
    expect((await get('/calendar/due?start=2026-02-13T15:00:00Z&workingDays=-1', actors.sales)).statusCode).toBe(400);
  });
});

describe('resilience', () => {
  it('answers 503 with Retry-After when the engine is unreachable, and changes nothing', async () => {
    const { orderNo } = await createOrder();
    const [t] = await reviewTasks(orderNo);
    const down = createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' });
    const offline = await buildApp({
      database: bed.stack.database,
      temporal: down,
      taskQueue: bed.stack.taskQueue,
      policy: buildPolicy(),
      jwtSecret: JWT_SECRET,
      engineTimeoutMs: 2_000,
    });
    try {
      const res = await offline.inject({
        method: 'POST',
        url: `/tasks/${encodeURIComponent(t.id)}/complete`,
        headers: bearer(reviewers[t.department]),
        payload: { outcome: 'approve' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json().error.code).toBe('ENGINE_UNAVAILABLE');
      const [row] = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.id, t.id));
      expect(row.status).toBe('OPEN');
      expect((await offline.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await offline.close();
    }
  });

  it('loses no order when the process dies between storing it and starting its workflow', async () => {
    // The engine is down at intake: the row commits, the start fails.
    const down = createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' });
    const deps = { db: bed.stack.database.db, temporal: down, taskQueue: bed.stack.taskQueue, policy: buildPolicy() };
    let orderNo: string | undefined;
    await expect(
      down.withDeadline(Date.now() + 2000, () => receiveOrder(deps, sampleOrder(), actors.sales, `crash-${Date.now()}`)),
    ).rejects.toBeDefined();
    const [row] = await bed.stack.database.db.select().from(ordersTable).where(eq(ordersTable.workflowStarted, false));
    expect(row).toBeDefined();
    orderNo = row.orderNo;

    // On restart the repair starts its workflow from the stored input.
    const repaired = await startPendingOrders({
      db: bed.stack.database.db,
      temporal: bed.stack.env.client,
      taskQueue: bed.stack.taskQueue,
    });
    expect(repaired).toContain(orderNo);
    await reviewTasks(orderNo);
    expect((await get(`/orders/${orderNo}`, actors.auditor)).json().status).toBe('IN_REVIEW');
    expect(await startPendingOrders({ db: bed.stack.database.db, temporal: bed.stack.env.client, taskQueue: bed.stack.taskQueue })).toEqual(
      [],
    );
  });
});
