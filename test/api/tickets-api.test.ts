import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/order/types';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';
import { apiDriver } from '../helpers/api-driver';

// After-sales tickets through the API, on the real dev server and database: filed about a
// delivered order only, a quality problem filing a complaint, the first response, an
// on-site visit refused with 409 when the stock is short (nothing changes), then taking
// the part and giving procurement a replenishment task; lists and timeline, scoped.

const bed = useStack();
const { client } = apiDriver(() => bed.app);
const service: Actor = { sub: 'cass', name: 'Cass', departments: ['customer_service'], roles: ['staff'] };
const engineer: Actor = { sub: 'eli', name: 'Eli', departments: ['after_sales'], roles: ['staff'] };
const warehouse: Actor = { sub: 'will', name: 'Will', departments: ['warehouse'], roles: ['staff'] };
const ticketOf = (orderNo: string, category = 'quality') => ({
  orderNo,
  contact: { name: 'Mr Wang', phone: '+86 571 8888 0000' },
  problem: 'the valve leaks at the seal',
  category,
});

interface Task {
  id: string;
  kind: string;
  department: string;
  context: Record<string, unknown>;
}

async function openTask(actor: Actor, kind: string, department: string): Promise<Task> {
  const found = await eventually(async () => {
    const items = (await requests(bed.app).get(`/tasks?department=${department}&status=OPEN`, actor)).json().items as Task[];
    return items.find((t) => t.kind === kind);
  }, `an open ${kind} task`);
  return (await requests(bed.app).get(`/tasks/${encodeURIComponent(found.id)}`, actor)).json<Task>();
}

describe('after-sales tickets', () => {
  it('runs a quality ticket from a delivered order through a refused and a taken visit', async () => {
    const api = requests(bed.app);
    const { orderNo } = (await api.post('/orders', actors.sales, sampleOrder())).json<{ orderNo: string }>();

    // Not delivered yet, unknown, malformed, or filed by a department that does not: refused, nothing stored.
    const early = await api.post('/tickets', service, ticketOf(orderNo));
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'ORDER_NOT_DELIVERED']);
    expect((await api.post('/tickets', service, ticketOf('SO-20990101-0001'))).statusCode).toBe(404);
    expect((await api.post('/tickets', service, ticketOf(orderNo, 'broken'))).statusCode).toBe(400);
    expect((await api.post('/tickets', actors.production, ticketOf(orderNo))).statusCode).toBe(403);
    expect((await api.get(`/tickets?orderNo=${orderNo}`, engineer)).json().items).toEqual([]);

    expect(await client.advance(orderNo, (s) => s === 'CLOSED', { timeoutMs: 150_000 })).toBe('CLOSED');
    const received = await api.post('/spare-parts/SEAL-50/receipts', warehouse, { quantity: 1, name: 'Seal DN50', reorderLevel: 1 });
    expect(received.statusCode).toBe(201);

    const filed = await api.post('/tickets', service, ticketOf(orderNo), { 'idempotency-key': 'call-7' });
    expect(filed.statusCode).toBe(201);
    const ticket = filed.json();
    expect(ticket).toMatchObject({ orderNo, category: 'quality', status: 'RECEIVED', onSiteVisits: 0 });
    expect(Date.parse(ticket.responseDueAt) - Date.parse(ticket.receivedAt)).toBe(24 * 3600_000);
    expect((await api.post('/tickets', service, ticketOf(orderNo), { 'idempotency-key': 'call-7' })).json().id).toBe(ticket.id);
    const complaints = (await api.get(`/orders/${orderNo}/complaints`, actors.auditor)).json().items as { content: string }[];
    expect(complaints.map((c) => c.content)).toEqual([`Quality problem reported in ticket ${ticket.id}: the valve leaks at the seal`]);

    const dispatch = await openTask(engineer, 'ticket_dispatch', 'after_sales');
    const dispatched = await api.post(`/tasks/${encodeURIComponent(dispatch.id)}/complete`, engineer, {
      outcome: 'dispatched',
      data: { team: 'east', category: 'quality', firstResponse: 'An engineer calls you today' },
    });
    expect(dispatched.statusCode).toBe(200);

    const visit = await openTask(engineer, 'ticket_resolution', 'after_sales');
    const onSite = (quantity: number) => ({
      outcome: 'on_site',
      data: { engineer: 'Eli', visitDate: '2026-03-20', spareParts: [{ sku: 'SEAL-50', quantity }], actions: 'replace the seal' },
    });
    const short = await api.post(`/tasks/${encodeURIComponent(visit.id)}/complete`, engineer, onSite(2));
    expect([short.statusCode, short.json().error.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
    const stockOf = async () =>
      (await api.get('/spare-parts', actors.auditor)).json().items.find((p: { sku: string }) => p.sku === 'SEAL-50');
    expect((await stockOf()).onHand).toBe(1);
    expect((await api.post(`/tasks/${encodeURIComponent(visit.id)}/complete`, engineer, onSite(1))).statusCode).toBe(200);
    // The visit's activity takes the part right after the completion is accepted.
    await eventually(async () => (await stockOf()).onHand === 0, 'the part to leave the stock');
    const replenish = await openTask(actors.procurement, 'spare_part_replenishment', 'procurement');
    expect(replenish.context).toMatchObject({ sku: 'SEAL-50', onHand: 0, reorderLevel: 1, ticketId: ticket.id });

    const detail = await eventually(async () => {
      const d = (await api.get(`/tickets/${ticket.id}`, engineer)).json();
      return d.status === 'EVALUATING' ? d : undefined;
    }, 'the ticket to await the evaluation');
    expect(detail).toMatchObject({ team: 'east', resolution: 'on_site', onSiteVisits: 1 });
    expect(detail.firstResponseAt).not.toBeNull();
    const types = (detail.timeline as { type: string }[]).map((e) => e.type);
    expect(types.filter((t) => !t.startsWith('task_'))).toEqual(['received', 'complaint_filed', 'first_response', 'resolved']);

    const listed = (await api.get(`/tickets?orderNo=${orderNo}`, actors.sales)).json().items as { id: string }[];
    expect(listed.map((t) => t.id)).toEqual([ticket.id]);
    expect((await api.get(`/tickets/${ticket.id}`, actors.production)).statusCode).toBe(403);
    expect((await api.get('/tickets/TKT-none', engineer)).statusCode).toBe(404);
  });
});
