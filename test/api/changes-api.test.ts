import { describe, expect, it } from 'vitest';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, useStack } from '../helpers/api';
import { apiDriver, member, type OpenTask } from '../helpers/api-driver';

// Change requests and the urgent lane through the API, against the real dev server,
// worker and database.

const bed = useStack();

const { get, post, openTasks, completeGenerically, advanceTo } = apiDriver(() => bed.app);

const quantityChange = (quantity: number) => ({
  changes: { items: [{ ...sampleOrder().items[0], quantity }] },
  reason: 'customer needs more valves',
  impact: { deliveryDate: '2027-05-01', cost: 18250 },
});

describe('change requests through the API', () => {
  it('a quantity change during planning: head approval, scoped re-review, version 2 with a diff; a second change waits', async () => {
    const { orderNo } = (await post('/orders', actors.sales, sampleOrder())).json();
    await advanceTo(orderNo, (s) => s === 'PLANNING');

    expect((await post(`/orders/${orderNo}/changes`, actors.production, quantityChange(500))).statusCode).toBe(403);
    expect((await post(`/orders/${orderNo}/changes`, actors.sales, { ...quantityChange(500), surprise: 1 })).statusCode).toBe(400);
    const [a, b] = await Promise.all([
      post(`/orders/${orderNo}/changes`, actors.sales, quantityChange(500)),
      post(`/orders/${orderNo}/changes`, actors.sales, quantityChange(600)),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409]);
    const accepted = (a.statusCode === 202 ? a : b).json();
    const refused = (a.statusCode === 409 ? a : b).json();
    expect(accepted).toMatchObject({ status: 'HEAD_REVIEW', departments: ['finance', 'procurement', 'production'] });
    expect(refused.error).toMatchObject({ code: 'CHANGE_IN_PROGRESS' });
    expect(refused.error.message).toContain(accepted.id);

    const approval = await eventually(
      async () => (await openTasks(orderNo)).find((t) => t.kind === 'change_approval'),
      'head approval task',
    );
    expect((await completeGenerically(approval, member('sales', 'staff'))).status).toBe(403);
    expect((await completeGenerically(approval, member('sales', 'head'))).status).toBe(200);

    const reviews = await eventually(async () => {
      const open = (await openTasks(orderNo)).filter((t) => t.kind === 'change_review');
      return open.length === 3 ? open : undefined;
    }, 'change re-review tasks');
    expect(reviews.map((t) => t.department).sort()).toEqual(['finance', 'procurement', 'production']);
    for (const t of reviews) expect((await completeGenerically(t)).status).toBe(200);

    const change = await eventually(async () => {
      const items = (await get(`/orders/${orderNo}/changes`, actors.auditor)).json().items as { status: string }[];
      return items[0]?.status === 'AGREED' ? items[0] : undefined;
    }, 'the agreement');
    // Either concurrent request may win the race; the agreement is the winner's.
    const quantity = (accepted.changes.items as { quantity: number }[])[0].quantity;
    expect(change).toMatchObject({ agreement: { version: 2, total: quantity * 182.5 } });
    const versions = (await get(`/orders/${orderNo}/versions`, actors.auditor)).json().items as {
      version: number;
      diff: { field: string; before: unknown; after: unknown }[];
    }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1].diff).toEqual([{ field: 'items[VB-200].quantity', before: 400, after: quantity }]);
    expect((await get(`/orders/${orderNo}`, actors.auditor)).json().version).toBe(2);
    const timeline = (await get(`/orders/${orderNo}/history`, actors.auditor)).json().events as { type: string; summary: string }[];
    expect(timeline.filter((e) => e.type === 'change').map((e) => e.summary.split(':')[0])).toEqual([
      'Change 1 head review',
      'Change 1 in review',
      'Change 1 agreed',
    ]);
  });

  it('refuses changes on a cancelled order', async () => {
    const { orderNo } = (await post('/orders', actors.sales, sampleOrder())).json();
    await eventually(async () => (await openTasks(orderNo)).length > 0, 'review');
    expect((await post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'withdrawn' })).statusCode).toBe(200);
    const res = await post(`/orders/${orderNo}/changes`, actors.sales, quantityChange(500));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ORDER_NOT_ACTIVE');
  });
});

describe('the urgent lane through the API', () => {
  it('a key customer makes the order urgent: its first task is due within hours and heads the inbox; the month is scored', async () => {
    await post('/orders', actors.sales, sampleOrder());
    const { orderNo } = (
      await post('/orders', actors.sales, sampleOrder({ customer: { id: 'KEY-9', name: 'Key Account', tier: 'key' } }))
    ).json();
    const order = (await get(`/orders/${orderNo}`, actors.auditor)).json();
    expect(order).toMatchObject({ urgent: true, urgentRules: ['key_customer'] });

    const confirm = await eventually(async () => (await openTasks(orderNo)).find((t) => t.kind === 'urgent_confirmation'), 'confirmation');
    expect(Date.parse(confirm.dueAt) - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
    const inbox = (await get('/tasks?department=sales', actors.sales)).json().items as OpenTask[];
    expect(inbox[0]).toMatchObject({ orderNo, priority: 'urgent', kind: 'urgent_confirmation' });

    expect((await completeGenerically(confirm)).status).toBe(200);
    const reviews = await eventually(async () => {
      const open = (await openTasks(orderNo)).filter((t) => t.kind === 'review');
      return open.length === 5 ? open : undefined;
    }, 'urgent review');
    expect(reviews.find((t) => t.department === 'procurement')?.markers).toEqual(['expedite']);
    for (const t of reviews) expect(Date.parse(t.dueAt) - Date.now()).toBeLessThanOrEqual(4 * 3600_000);

    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect((await get(`/kpis/urgent?month=${month}`, actors.sales)).statusCode).toBe(403);
    const kpi = (await get(`/kpis/urgent?month=${month}`, actors.auditor)).json();
    expect(kpi.items.map((i: { orderNo: string }) => i.orderNo)).toContain(orderNo);
    expect(kpi.summary.orders).toBeGreaterThanOrEqual(1);
  });
});
