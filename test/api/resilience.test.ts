import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../../src/api/app';
import { orders as ordersTable, tasks as tasksTable } from '../../src/db/schema';
import { receiveOrder, startPendingOrders } from '../../src/orders/intake';
import { buildPolicy } from '../../src/policy/load';
import { createTemporalClient } from '../../src/temporal/client';
import { actors, reviewers, sampleOrder } from '../helpers/fixtures';
import { bearer, eventually, offlineDeps, requests, useStack } from '../helpers/api';

// The engine down or the process dying mid-intake: clear answers, nothing half-done.

const bed = useStack();

const get: ReturnType<typeof requests>['get'] = (...args) => requests(bed.app).get(...args);

async function reviewTasks(orderNo: string) {
  return eventually(async () => {
    const items = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as { id: string; department: string }[];
    return items.length === 5 ? items : undefined;
  }, `review tasks of ${orderNo}`);
}

describe('resilience', () => {
  it('is ready when Temporal and the database answer', async () => {
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', temporal: 'up' } });
  });

  it('answers 503 with Retry-After when the engine is unreachable, and changes nothing', async () => {
    const { orderNo } = (await requests(bed.app).post('/orders', actors.sales, sampleOrder())).json();
    const [t] = await reviewTasks(orderNo);
    const offline = await buildApp(offlineDeps(bed.stack.database, { taskQueue: bed.stack.taskQueue, engineTimeoutMs: 2_000 }));
    try {
      const res = await offline.inject({
        method: 'POST',
        url: `/tasks/${encodeURIComponent(t.id)}/complete`,
        headers: bearer(reviewers[t.department]),
        payload: { outcome: 'approve' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('ENGINE_UNAVAILABLE');
      const [row] = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.id, t.id));
      expect(row.status).toBe('OPEN');
      expect((await offline.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await offline.close();
      await offline.temporal.connection.close();
    }
  });

  it('loses no order when the process dies between storing it and starting its workflow', async () => {
    // The engine is down at intake: the row commits, the start fails.
    const down = createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' });
    const deps = { db: bed.stack.database.db, temporal: down, taskQueue: bed.stack.taskQueue, policy: buildPolicy() };
    const order = sampleOrder({ customer: { id: 'CUST-CRASH', name: 'Crash Test' } });
    await expect(
      down.withDeadline(Date.now() + 2000, () => receiveOrder(deps, order, actors.sales, `crash-${Date.now()}`)),
    ).rejects.toThrow();
    await down.connection.close();
    const stranded = await bed.stack.database.db
      .select()
      .from(ordersTable)
      .where(and(eq(ordersTable.workflowStarted, false), eq(ordersTable.customerId, 'CUST-CRASH')));
    expect(stranded.map((r) => ({ status: r.status, version: r.version, createdBy: r.createdBy }))).toEqual([
      { status: 'RECEIVED', version: 1, createdBy: actors.sales.sub },
    ]);
    const { orderNo } = stranded[0];

    // On restart the repair starts its workflow from the stored input.
    const repair = { db: bed.stack.database.db, temporal: bed.stack.env.client, taskQueue: bed.stack.taskQueue };
    expect(await startPendingOrders(repair)).toContain(orderNo);
    await reviewTasks(orderNo);
    expect((await get(`/orders/${orderNo}`, actors.auditor)).json().status).toBe('IN_REVIEW');
    expect(await startPendingOrders(repair)).toEqual([]);
  });
});
