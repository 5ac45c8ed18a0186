import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app';
import type { Database } from '../../src/db/client';
import { changeRequests, orders, orderVersions, tasks } from '../../src/db/schema';
import type { Actor } from '../../workflows/order/types';
import { bearer, offlineDeps } from '../helpers/api';
import { createTestDatabase } from '../helpers/db';
import { actors, sampleOrder } from '../helpers/fixtures';

// The read models only touch the database; the engine client is never called.

let database: Database;
let app: FastifyInstance;

const get = (url: string, actor?: Actor) => app.inject({ method: 'GET', url, headers: actor ? bearer(actor) : {} });

async function insertOrder(orderNo: string, at: { createdAt: string; deliveredAt?: string; urgent?: boolean }) {
  const order = sampleOrder();
  await database.db.insert(orders).values({
    orderNo,
    workflowId: `order-${orderNo}`,
    status: at.deliveredAt ? 'DELIVERED' : 'IN_PRODUCTION',
    kind: 'routine',
    urgent: at.urgent ?? true,
    urgentRules: at.urgent === false ? [] : ['short_lead_time'],
    customerId: order.customer.id,
    customerName: order.customer.name,
    data: order as never,
    policyVersion: 'test',
    startInput: {},
    createdBy: 'sally',
    createdAt: new Date(at.createdAt),
    deliveredAt: at.deliveredAt ? new Date(at.deliveredAt) : null,
  });
}

async function insertTask(
  orderNo: string,
  t: { id: string; kind: string; outcome?: string; data?: Record<string, unknown>; completedAt?: string; status?: string },
) {
  await database.db.insert(tasks).values({
    id: t.id,
    orderNo,
    department: 'sales',
    kind: t.kind,
    step: t.kind,
    round: 1,
    title: t.kind,
    status: t.status ?? (t.outcome ? 'COMPLETED' : 'OPEN'),
    dueAt: new Date('2026-12-31T00:00:00Z'),
    outcomes: [],
    outcome: t.outcome ?? null,
    data: t.data ?? null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    completedAt: t.completedAt ? new Date(t.completedAt) : null,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(offlineDeps(database));

  // A: received 2026-11-01 00:30 in Shanghai (still October in UTC), delivered 50.5 hours later.
  await insertOrder('SO-A', { createdAt: '2026-10-31T16:30:00.000Z', deliveredAt: '2026-11-02T19:00:00.000Z' });
  await insertTask('SO-A', { id: 'SO-A.final-inspection.r1.quality', kind: 'final_inspection', outcome: 'fail' });
  await insertTask('SO-A', { id: 'SO-A.final-inspection.r2.quality', kind: 'final_inspection', outcome: 'pass' });
  await insertTask('SO-A', {
    id: 'SO-A.neg.1',
    kind: 'urgent_negotiation',
    outcome: 'add_resources',
    data: { resources: 'night shift', extraCost: 1200 },
  });
  await insertTask('SO-A', {
    id: 'SO-A.neg.2',
    kind: 'urgent_negotiation',
    outcome: 'add_resources',
    data: { resources: 'overtime', extraCost: 300.5 },
  });
  await insertTask('SO-A', { id: 'SO-A.neg.3', kind: 'urgent_negotiation', outcome: 'move_date', data: { extraCost: 999 } });
  await insertTask('SO-A', {
    id: 'SO-A.acc.1',
    kind: 'customer_acceptance',
    outcome: 'accepted',
    data: { satisfaction: 3 },
    completedAt: '2026-11-03T00:00:00Z',
  });
  await insertTask('SO-A', {
    id: 'SO-A.acc.2',
    kind: 'customer_acceptance',
    outcome: 'accepted',
    data: { satisfaction: 5 },
    completedAt: '2026-11-04T00:00:00Z',
  });
  // B: urgent, passed first time, not delivered yet.
  await insertOrder('SO-B', { createdAt: '2026-11-15T02:00:00.000Z' });
  await insertTask('SO-B', { id: 'SO-B.final-inspection.r1.quality', kind: 'final_inspection', outcome: 'pass' });
  await insertTask('SO-B', { id: 'SO-B.neg.1', kind: 'urgent_negotiation', status: 'OPEN', data: { extraCost: 5000 } });
  // Not counted for November: routine, and received on 1 December in Shanghai.
  await insertOrder('SO-C', { createdAt: '2026-11-20T02:00:00.000Z', urgent: false });
  await insertOrder('SO-D', { createdAt: '2026-11-30T16:30:00.000Z' });

  await database.db.insert(orderVersions).values([
    {
      orderNo: 'SO-B',
      version: 1,
      data: { currency: 'CNY', items: [{ sku: 'VB-200', quantity: 400 }] },
      reason: 'intake',
      createdBy: 'sally',
      createdAt: new Date('2026-11-15T02:00:00Z'),
    },
    {
      orderNo: 'SO-B',
      version: 2,
      data: { currency: 'CNY', items: [{ sku: 'VB-200', quantity: 500 }] },
      reason: 'change 1',
      createdBy: 'sally',
      createdAt: new Date('2026-11-16T02:00:00Z'),
    },
  ]);
  await database.db.insert(changeRequests).values([
    {
      id: 'SO-B.change.2',
      orderNo: 'SO-B',
      seq: 2,
      status: 'HEAD_REVIEW',
      changes: { notes: 'x' },
      reason: 'second',
      impact: {},
      departments: [],
      opinions: [],
      requestedBy: 'sally',
      requestedAt: new Date('2026-11-17T02:00:00Z'),
    },
    {
      id: 'SO-B.change.1',
      orderNo: 'SO-B',
      seq: 1,
      status: 'AGREED',
      changes: { items: [{ sku: 'VB-200', quantity: 500 }] },
      reason: 'first',
      impact: { cost: 18250 },
      departments: ['production'],
      opinions: [{ department: 'production', outcome: 'approve' }],
      agreement: { version: 2, total: 91250, currency: 'CNY', deliveryDate: '2027-01-15' },
      requestedBy: 'sally',
      requestedAt: new Date('2026-11-15T08:00:00Z'),
      decidedAt: new Date('2026-11-16T02:00:00Z'),
    },
  ]);
});
afterAll(async () => {
  await app?.close();
  await app?.temporal.connection.close();
  await database?.close();
});

describe('GET /kpis/urgent', () => {
  it('scores the urgent orders received in the month, in the policy time zone', async () => {
    const res = await get('/kpis/urgent?month=2026-11', actors.auditor);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ month: '2026-11', timeZone: 'Asia/Shanghai' });
    expect(body.items).toEqual([
      {
        orderNo: 'SO-A',
        customer: { id: 'CUST-001', name: 'Hangzhou Valve Works' },
        urgentRules: ['short_lead_time'],
        receivedAt: '2026-10-31T16:30:00.000Z',
        deliveredAt: '2026-11-02T19:00:00.000Z',
        processingHours: 50.5,
        firstPassQuality: false,
        extraCost: 1500.5,
        satisfaction: 5,
      },
      {
        orderNo: 'SO-B',
        customer: { id: 'CUST-001', name: 'Hangzhou Valve Works' },
        urgentRules: ['short_lead_time'],
        receivedAt: '2026-11-15T02:00:00.000Z',
        deliveredAt: null,
        processingHours: null,
        firstPassQuality: true,
        extraCost: 0,
        satisfaction: null,
      },
    ]);
    expect(body.summary).toEqual({
      orders: 2,
      delivered: 1,
      averageProcessingHours: 50.5,
      firstPassRate: 0.5,
      totalExtraCost: 1500.5,
      averageSatisfaction: 5,
    });
  });

  it('gives nulls when there is nothing to average', async () => {
    const res = await get('/kpis/urgent?month=2026-10', actors.management);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      month: '2026-10',
      timeZone: 'Asia/Shanghai',
      items: [],
      summary: { orders: 0, delivered: 0, averageProcessingHours: null, firstPassRate: null, totalExtraCost: 0, averageSatisfaction: null },
    });
    const december = await get('/kpis/urgent?month=2026-12', actors.salesHead);
    expect(december.json().items.map((i: { orderNo: string }) => i.orderNo)).toEqual(['SO-D']);
  });

  it('is for auditors, admins and heads only, and needs a valid month', async () => {
    expect((await get('/kpis/urgent?month=2026-11', actors.sales)).statusCode).toBe(403);
    expect((await get('/kpis/urgent?month=2026-11')).statusCode).toBe(401);
    expect((await get('/kpis/urgent?month=2026-13', actors.auditor)).statusCode).toBe(400);
    expect((await get('/kpis/urgent?month=2026-1', actors.auditor)).statusCode).toBe(400);
    expect((await get('/kpis/urgent', actors.auditor)).statusCode).toBe(400);
    const admin: Actor = { sub: 'root', name: 'Root', departments: [], roles: ['admin'] };
    expect((await get('/kpis/urgent?month=2026-11', admin)).statusCode).toBe(200);
  });
});

describe('GET /orders/:orderNo/changes and /versions', () => {
  it('lists change requests by sequence', async () => {
    const res = await get('/orders/SO-B/changes', actors.sales);
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.map((c: { seq: number }) => c.seq)).toEqual([1, 2]);
    expect(items[0]).toEqual({
      id: 'SO-B.change.1',
      seq: 1,
      status: 'AGREED',
      changes: { items: [{ sku: 'VB-200', quantity: 500 }] },
      reason: 'first',
      impact: { cost: 18250 },
      departments: ['production'],
      opinions: [{ department: 'production', outcome: 'approve' }],
      agreement: { version: 2, total: 91250, currency: 'CNY', deliveryDate: '2027-01-15' },
      requestedBy: 'sally',
      requestedAt: '2026-11-15T08:00:00.000Z',
      decidedAt: '2026-11-16T02:00:00.000Z',
    });
    expect(items[1]).toMatchObject({ agreement: null, decidedAt: null });
    expect((await get('/orders/SO-A/changes', actors.sales)).json()).toEqual({ items: [] });
  });

  it('lists versions with the diff from the one before', async () => {
    const res = await get('/orders/SO-B/versions', actors.auditor);
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ version: 1, reason: 'intake', createdBy: 'sally', createdAt: '2026-11-15T02:00:00.000Z', diff: [] });
    expect(items[1]).toMatchObject({
      version: 2,
      reason: 'change 1',
      data: { currency: 'CNY', items: [{ sku: 'VB-200', quantity: 500 }] },
      diff: [{ field: 'items[VB-200].quantity', before: 400, after: 500 }],
    });
  });

  it('answers 404 for an unknown order and 401 without a token', async () => {
    expect((await get('/orders/SO-NOPE/changes', actors.auditor)).statusCode).toBe(404);
    expect((await get('/orders/SO-NOPE/versions', actors.auditor)).statusCode).toBe(404);
    expect((await get('/orders/SO-B/versions')).statusCode).toBe(401);
  });
});
