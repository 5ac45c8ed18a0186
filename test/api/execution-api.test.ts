import { describe, expect, it } from 'vitest';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, useStack } from '../helpers/api';
import { apiDriver, member } from '../helpers/api-driver';

// Exceptions, progress reports, risks, tracking and the department feed, through the API
// against the real dev server, worker and database.

const bed = useStack();

const { get, post, completeGenerically, advanceTo } = apiDriver(() => bed.app);
const logistics = member('logistics');

describe('execution through the API', () => {
  it('takes exception reports, tells sales, re-rates the risk, and lets them be resolved', async () => {
    const { orderNo } = (await post('/orders', actors.sales, sampleOrder())).json();
    await advanceTo(orderNo, (status) => status === 'IN_PRODUCTION');

    expect((await post('/orders/SO-19990101-0001/exceptions', actors.production, { type: 'delay', description: 'x' })).statusCode).toBe(
      404,
    );
    expect((await post(`/orders/${orderNo}/exceptions`, actors.production, { type: 'flood', description: 'x' })).statusCode).toBe(400);
    expect(
      (await post(`/orders/${orderNo}/exceptions`, actors.production, { type: 'delay', description: 'x', department: 'finance' }))
        .statusCode,
    ).toBe(403);
    const res = await post(`/orders/${orderNo}/exceptions`, actors.production, {
      type: 'material_shortage',
      description: 'castings short by 40',
    });
    expect(res.statusCode).toBe(201);
    const exception = res.json();
    expect(exception).toMatchObject({ type: 'material_shortage', department: 'production', reportedBy: { sub: actors.production.sub } });

    const listed = (await get(`/orders/${orderNo}/exceptions`, actors.auditor)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: exception.id, resolvedAt: null })]);
    const feed = (await get(`/notifications?department=sales&orderNo=${orderNo}`, actors.sales)).json().items as { topic: string }[];
    expect(feed.map((n) => n.topic)).toContain('exception');
    expect((await get('/notifications?department=sales', actors.production)).statusCode).toBe(403);

    const risks = (await get(`/orders/${orderNo}/risks`, actors.auditor)).json();
    expect(risks.assessments.map((a: { trigger: string }) => a.trigger)).toEqual(expect.arrayContaining(['intake', 'review', 'exception']));
    expect(risks.events).toEqual([expect.objectContaining({ type: 'supply_failure' })]);

    const resolved = await post(`/orders/${orderNo}/exceptions/${encodeURIComponent(exception.id)}/resolve`, actors.production, {
      resolution: 'second foundry delivered',
    });
    expect(resolved.statusCode).toBe(200);
    expect(
      (await post(`/orders/${orderNo}/exceptions/${encodeURIComponent(exception.id)}/resolve`, actors.production, { resolution: 'again' }))
        .statusCode,
    ).toBe(409);

    const history = (await get(`/orders/${orderNo}/history`, actors.auditor)).json().events as { type: string }[];
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['exception_reported', 'exception_resolved', 'risk_assessed', 'production_plan', 'progress_report']),
    );
  });

  it('sends a progress report on request to sales only, and lists reports', async () => {
    for (const callbackUrl of ['http://127.0.0.1:9/unreachable', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/']) {
      const refused = await post('/orders', actors.sales, sampleOrder({ callbackUrl }));
      expect(refused.statusCode, callbackUrl).toBe(400);
      expect(refused.json().error.message).toMatch(/resolves to a (loopback|linkLocal) address/);
    }
    // A name that does not resolve yet is taken; the connection is checked when a report goes out.
    const { orderNo } = (await post('/orders', actors.sales, sampleOrder({ callbackUrl: 'https://hooks.customer.example/orders' }))).json();
    await advanceTo(orderNo, (status) => status === 'PLANNING');
    const change = await post(`/orders/${orderNo}/changes`, actors.sales, {
      changes: { callbackUrl: 'http://10.0.0.8/hooks' },
      reason: 'new endpoint',
      impact: {},
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.message).toMatch(/resolves to a private address/);
    expect((await post(`/orders/${orderNo}/reports`, actors.production)).statusCode).toBe(403);
    const sent = await post(`/orders/${orderNo}/reports`, actors.sales);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ trigger: 'on_request', status: 'PLANNING' });
    const reports = (await get(`/orders/${orderNo}/reports`, actors.auditor)).json().items as { trigger: string; deliveryStatus: string }[];
    expect(reports.map((r) => r.trigger)).toEqual(['review_passed', 'on_request']);
    // A webhook is configured, so delivery is attempted (and retried) rather than skipped.
    expect(reports.every((r) => r.deliveryStatus !== 'NOT_SENT')).toBe(true);
    expect((await get('/orders/SO-19990101-0001/reports', actors.auditor)).statusCode).toBe(404);
  });

  it('records transport tracking from logistics only, while the order is in transport', async () => {
    const { orderNo } = (await post('/orders', actors.sales, sampleOrder())).json();
    // Logistics has no task on the order yet, so for it the order does not exist; for someone
    // who may read it, tracking before transport is a conflict.
    expect((await post(`/orders/${orderNo}/tracking`, logistics, { location: 'Ningbo' })).statusCode).toBe(404);
    const salesAndLogistics = { ...logistics, sub: 'lin', departments: ['sales', 'logistics'] };
    const early = await post(`/orders/${orderNo}/tracking`, salesAndLogistics, { location: 'Ningbo' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ORDER_NOT_ACTIVE');
    await advanceTo(orderNo, (status) => status === 'SHIPPING');
    await eventually(
      async () => {
        const open = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as { kind: string }[];
        if (open.some((t) => t.kind === 'transport')) return true;
        const next = open.find((t) => t.kind !== 'risk_plan') as { id: string; department: string } | undefined;
        if (next) await completeGenerically(next);
        return false;
      },
      'transport',
      30_000,
    );
    expect((await post(`/orders/${orderNo}/tracking`, actors.production, { location: 'Ningbo' })).statusCode).toBe(403);
    const delayed = await post(`/orders/${orderNo}/tracking`, logistics, {
      location: 'Ningbo port',
      delay: { reason: 'typhoon', newEta: '2027-01-05' },
    });
    expect(delayed.statusCode).toBe(200);
    const feed = (await get(`/notifications?orderNo=${orderNo}`, actors.auditor)).json().items as { topic: string; audience: string }[];
    expect(feed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ topic: 'tracking', audience: 'sales' }),
        expect.objectContaining({ topic: 'transport_delay', audience: 'customer' }),
      ]),
    );
  });
});
