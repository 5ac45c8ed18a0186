import { describe, expect, it } from 'vitest';
import { actors, sampleOrder } from '../helpers/fixtures';
import { requests, useStack } from '../helpers/api';
import { apiDriver } from '../helpers/api-driver';

// The client of `npm run demo`, which knows no task kind, drives an order from intake to
// CLOSED: every task is completed with its first outcome and a form filled from the
// published JSON Schema. If this passes, the forms alone are enough to run the whole process.

const bed = useStack();
const { client } = apiDriver(() => bed.app);
const get = (url: string) => requests(bed.app).get(url, actors.auditor);

describe('a generic client', () => {
  it('drives a routine order to CLOSED from outcomes and forms alone', async () => {
    const created = await requests(bed.app).post('/orders', actors.sales, sampleOrder());
    expect(created.statusCode).toBe(201);
    const { orderNo } = created.json<{ orderNo: string }>();

    const completedBy = new Set<string>();
    const statuses: string[] = [];
    const status = await client.advance(orderNo, (s) => s === 'CLOSED' || s === 'CANCELLED', {
      timeoutMs: 150_000,
      onStatus: (s) => statuses.push(s),
      onCompleted: (task) => completedBy.add(task.department),
    });
    expect(status).toBe('CLOSED');
    expect([...completedBy]).toEqual(
      expect.arrayContaining(['legal', 'production', 'procurement', 'quality', 'warehouse', 'logistics', 'sales']),
    );
    expect(statuses.at(-1)).toBe('CLOSED');

    // The order had no callback and no e-mail: its reports are stored, not sent. The first
    // comes with the passed review, and each one shows the status of its day.
    const reports = (await get(`/orders/${orderNo}/reports`)).json().items as {
      seq: number;
      trigger: string;
      deliveryStatus: string;
      content: { orderNo: string; status: string };
    }[];
    expect(reports[0]).toMatchObject({ seq: 1, trigger: 'review_passed', deliveryStatus: 'NOT_SENT', content: { orderNo } });
    expect(reports.map((r) => r.seq)).toEqual(reports.map((_, i) => i + 1));
    expect(reports.every((r) => r.deliveryStatus === 'NOT_SENT')).toBe(true);

    const history = await get(`/orders/${orderNo}/history`);
    expect(history.statusCode).toBe(200);
    const changes = (history.json().events as { type: string; status?: string }[])
      .filter((e) => e.type === 'status_changed')
      .map((e) => e.status);
    expect(changes.slice(-2)).toEqual(['DELIVERED', 'CLOSED']);
    expect(changes[0]).toBe('IN_REVIEW');
  }, 180_000);
});
