import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/order/types';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';
import { member } from '../helpers/api-driver';

// Order data scoped by department (DESIGN §7.13) through the API, on one order in review
// whose finance reviewer has stated a margin. Production, procurement, engineering, quality
// and finance have tasks on it; customer service has none.

const bed = useStack();
const get = (url: string, actor?: Actor) => requests(bed.app).get(url, actor);
const post = (url: string, actor?: Actor, payload?: unknown) => requests(bed.app).post(url, actor, payload);

const customerService = member('customer_service');
const nobody: Actor = { sub: 'nobody', name: 'Nobody', departments: [], roles: ['staff'] };
const colleague: Actor = { ...actors.production, sub: 'pia', name: 'Pia' };

let orderNo = '';
let taskOf: (department: string) => { id: string };

beforeAll(async () => {
  const order = sampleOrder({
    customer: { id: 'CUST-SCOPE', name: 'Scope Works', email: 'buyer@scope.example' },
    callbackUrl: 'https://hooks.scope.example/orders',
  });
  orderNo = (await post('/orders', actors.sales, order)).json().orderNo;
  const tasks = await eventually(async () => {
    const items = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as { id: string; department: string }[];
    return items.length === 5 ? items : undefined;
  }, 'review tasks');
  taskOf = (department) => tasks.find((t) => t.department === department)!;
  const finance = await post(`/tasks/${encodeURIComponent(taskOf('finance').id)}/complete`, actors.finance, {
    outcome: 'approve',
    comment: 'cost basis 160.6 per valve',
    data: { marginPct: 12, notes: 'confidential margin' },
  });
  expect(finance.statusCode).toBe(200);
});

describe('who reads an order', () => {
  it('is told the order does not exist when no task of theirs is on it, on every part of it', async () => {
    const notFound = { error: { code: 'NOT_FOUND', message: `order ${orderNo} does not exist` } };
    for (const actor of [customerService, nobody]) {
      for (const part of ['', '/history', '/risks', '/versions', '/changes', '/reports', '/exceptions']) {
        const res = await get(`/orders/${orderNo}${part}`, actor);
        expect(res.statusCode, `${actor.sub} ${part}`).toBe(404);
        expect(res.json(), `${actor.sub} ${part}`).toEqual(notFound);
      }
      expect((await get(`/notifications?orderNo=${orderNo}`, actor)).statusCode).toBe(404);
      expect((await get(`/tasks/${encodeURIComponent(taskOf('quality').id)}`, actor)).statusCode).toBe(404);
      expect((await get('/orders?customerId=CUST-SCOPE', actor)).json().items).toEqual([]);
    }
  });

  it('lists and shows it to a department with a task on it, and to sales, management and auditors', async () => {
    for (const actor of [actors.production, actors.quality, actors.sales, actors.management, actors.auditor]) {
      expect((await get(`/orders/${orderNo}`, actor)).statusCode, actor.sub).toBe(200);
      const listed = (await get('/orders?customerId=CUST-SCOPE', actor)).json().items as { orderNo: string }[];
      expect(
        listed.map((o) => o.orderNo),
        actor.sub,
      ).toEqual([orderNo]);
    }
  });
});

describe('what a reader sees', () => {
  it('shows the customer contact details to sales, not to production', async () => {
    const forSales = (await get(`/orders/${orderNo}`, actors.sales)).json().order;
    expect(forSales).toMatchObject({
      customer: { email: 'buyer@scope.example' },
      deliveryAddress: 'No. 8 Binjiang Road, Hangzhou',
      callbackUrl: 'https://hooks.scope.example/orders',
    });
    const forProduction = (await get(`/orders/${orderNo}`, actors.production)).json().order;
    expect(forProduction.customer).toEqual({ id: 'CUST-SCOPE', name: 'Scope Works' });
    expect(Object.keys(forProduction)).not.toEqual(expect.arrayContaining(['deliveryAddress']));
    expect(forProduction.callbackUrl).toBeUndefined();
    expect(forProduction.items[0].sku).toBe('VB-200');
    const versions = (await get(`/orders/${orderNo}/versions`, actors.production)).json().items;
    expect(versions[0].data.customer).toEqual({ id: 'CUST-SCOPE', name: 'Scope Works' });
  });

  it("shows finance's decision to production without its data or comment", async () => {
    const financeTask = encodeURIComponent(taskOf('finance').id);
    const asProduction = (await get(`/tasks/${financeTask}`, actors.production)).json();
    expect(asProduction).toMatchObject({ status: 'COMPLETED', outcome: 'approve', restricted: true, data: null, comment: null });
    expect(asProduction.completedBy).toEqual({ sub: actors.finance.sub, name: actors.finance.name });
    const asSalesHead = (await get(`/tasks/${financeTask}`, actors.salesHead)).json();
    expect(asSalesHead).toMatchObject({ restricted: false, data: { marginPct: 12 }, comment: 'cost basis 160.6 per valve' });

    const completion = async (actor: Actor) => {
      const events = (await get(`/orders/${orderNo}/history`, actor)).json().events as Record<string, unknown>[];
      return events.find((e) => e.type === 'task_completed' && e.department === 'finance')!;
    };
    expect(await completion(actors.production)).toEqual({
      at: expect.any(String),
      type: 'task_completed',
      taskId: taskOf('finance').id,
      department: 'finance',
      by: { sub: actors.finance.sub, name: actors.finance.name },
      outcome: 'approve',
      summary: expect.stringMatching(/: approve by Fay$/),
      restricted: true,
    });
    expect(await completion(actors.sales)).toMatchObject({ restricted: true });
    expect(await completion(actors.finance)).toMatchObject({ comment: 'cost basis 160.6 per valve', details: { marginPct: 12 } });
    expect(await completion(actors.management)).toMatchObject({ details: { marginPct: 12 } });
  });
});

describe('unclaim and assign', () => {
  it('lets the claimer or the head release a task, and the head give it to someone; the timeline records both', async () => {
    const id = encodeURIComponent(taskOf('production').id);
    expect((await post(`/tasks/${id}/claim`, actors.production)).json()).toMatchObject({ status: 'CLAIMED', assignee: 'pete' });
    const byColleague = await post(`/tasks/${id}/unclaim`, colleague);
    expect(byColleague.statusCode).toBe(403);
    expect(byColleague.json().error.message).toBe('only the claimer or the production head releases a task');
    expect((await post(`/tasks/${id}/unclaim`, actors.auditor)).statusCode).toBe(403);
    const released = await post(`/tasks/${id}/unclaim`, actors.production);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'OPEN', assignee: null, claimedAt: null });
    expect((await post(`/tasks/${id}/unclaim`, actors.production)).statusCode).toBe(409);

    expect((await post(`/tasks/${id}/claim`, colleague)).json()).toMatchObject({ status: 'CLAIMED', assignee: 'pia' });
    expect((await post(`/tasks/${id}/assign`, actors.production, { assignee: 'pete' })).statusCode).toBe(403);
    expect((await post(`/tasks/${id}/assign`, actors.productionHead, { assignee: '' })).statusCode).toBe(400);
    const assigned = await post(`/tasks/${id}/assign`, actors.productionHead, { assignee: 'pete', name: 'Pete' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'CLAIMED', assignee: 'pete' });
    expect((await post(`/tasks/${id}/complete`, colleague, { outcome: 'approve' })).statusCode).toBe(409);
    expect((await post(`/tasks/${id}/complete`, actors.production, { outcome: 'approve' })).statusCode).toBe(200);

    const events = (await get(`/orders/${orderNo}/history`, actors.auditor)).json().events as { type: string; by?: { sub: string } }[];
    const moves = events.filter((e) => ['task_claimed', 'task_released', 'task_assigned'].includes(e.type));
    expect(moves.map((e) => [e.type, e.by?.sub])).toEqual([
      ['task_claimed', 'pete'],
      ['task_released', 'pete'],
      ['task_claimed', 'pia'],
      ['task_assigned', 'paula'],
    ]);
  });
});

describe('risks', () => {
  it("rate cost on finance's margin: production sees the level, not the margin", async () => {
    for (const d of ['procurement', 'engineering', 'quality'] as const) {
      const res = await post(`/tasks/${encodeURIComponent(taskOf(d).id)}/complete`, actors[d], { outcome: 'approve' });
      expect(res.statusCode).toBe(200);
    }
    const rated = await eventually(async () => {
      const risks = (await get(`/orders/${orderNo}/risks`, actors.finance)).json();
      return risks.current?.trigger === 'review' ? risks.current : undefined;
    }, 'the risk rated after review');
    expect(rated.dimensions.cost).toEqual({ level: 'medium', reasons: ['margin 12% < medium threshold 15%'] });
    const forProduction = (await get(`/orders/${orderNo}/risks`, actors.production)).json();
    expect(forProduction.current.dimensions.cost).toEqual({ level: 'medium', reasons: [] });
    expect(forProduction.current.dimensions.delivery).toEqual(rated.dimensions.delivery);
  });
});
