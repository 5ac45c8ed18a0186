import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/api/app';
import { orders as ordersTable, tasks as tasksTable } from '../../src/db/schema';
import { startOrphanSweep, sweepOrphans } from '../../src/orders/orphan-sweep';
import { orderView, orderWorkflowId } from '../../workflows/order/messages';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, offlineDeps, requests, useStack } from '../helpers/api';

// An order stored while the engine was away has no workflow yet. The sweep starts it, from
// any number of API processes at once, and such an order can be cancelled before it starts.

const bed = useStack();
const get = (url: string) => requests(bed.app).get(url, actors.auditor);

/** POST /orders while the engine is down: 503, and the row stays behind without a workflow. */
async function orphanOrder(key = `orphan-${Date.now()}-${Math.random()}`): Promise<string> {
  const offline = await buildApp(offlineDeps(bed.stack.database, { taskQueue: bed.stack.taskQueue }));
  try {
    const res = await requests(offline).post('/orders', actors.sales, sampleOrder(), { 'idempotency-key': key });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    const { orderNo } = res.json().error.details as { orderNo: string };
    expect(res.json().error.message).toContain(`order ${orderNo} is stored`);
    return orderNo;
  } finally {
    await offline.close();
    await offline.temporal.connection.close();
  }
}

const rowOf = async (orderNo: string) =>
  (await bed.stack.database.db.select().from(ordersTable).where(eq(ordersTable.orderNo, orderNo)))[0];
const runsOf = async (orderNo: string) => {
  const runs: string[] = [];
  for await (const w of bed.stack.env.client.workflow.list({ query: `WorkflowId = '${orderWorkflowId(orderNo)}'` })) runs.push(w.runId);
  return runs;
};
const sweepDeps = () => ({ db: bed.stack.database.db, temporal: bed.stack.env.client, taskQueue: bed.stack.taskQueue, graceMs: 0 });

describe('the orphan sweep', () => {
  it('starts each stored order without a workflow exactly once, however many replicas sweep at once', async () => {
    const orderNo = await orphanOrder();
    expect(await rowOf(orderNo)).toMatchObject({ status: 'RECEIVED', workflowStarted: false });
    // Three API replicas sweeping at the same moment.
    const swept = await Promise.all([sweepOrphans(sweepDeps()), sweepOrphans(sweepDeps()), sweepOrphans(sweepDeps())]);
    expect(swept.flat()).toContain(orderNo);
    expect((await rowOf(orderNo)).workflowStarted).toBe(true);
    await eventually(async () => (await get(`/orders/${orderNo}`)).json().status === 'IN_REVIEW', `${orderNo} in review`);
    expect(await eventually(async () => ((await runsOf(orderNo)).length ? runsOf(orderNo) : undefined), 'visibility')).toHaveLength(1);
    const rows = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.orderNo, orderNo));
    expect(rows.map((r) => r.department).sort()).toEqual(['engineering', 'finance', 'procurement', 'production', 'quality']);
    expect(await sweepOrphans(sweepDeps())).not.toContain(orderNo);
  });

  it('leaves an order younger than the grace period to the request storing it', async () => {
    const orderNo = await orphanOrder();
    expect(await sweepOrphans({ ...sweepDeps(), graceMs: 60_000 })).not.toContain(orderNo);
    expect((await rowOf(orderNo)).workflowStarted).toBe(false);
    expect(await sweepOrphans(sweepDeps())).toContain(orderNo);
  });

  it('runs on its own timer and keeps going after a sweep fails', async () => {
    const warnings: string[] = [];
    const log = { warn: (_obj: object, msg: string) => void warnings.push(msg) };
    // An engine that is away: the sweep fails, logs, and tries again.
    const offline = await buildApp(offlineDeps(bed.stack.database, { taskQueue: bed.stack.taskQueue }));
    const failing = startOrphanSweep({ ...sweepDeps(), temporal: offline.temporal, timeoutMs: 300, intervalMs: 100, log });
    const orderNo = await orphanOrder();
    await eventually(async () => warnings.filter((w) => w.startsWith('orphan sweep failed')).length >= 2, 'two failed sweeps');
    await failing.stop();
    await offline.close();
    await offline.temporal.connection.close();
    expect((await rowOf(orderNo)).workflowStarted).toBe(false);

    const sweep = startOrphanSweep({ ...sweepDeps(), intervalMs: 100, log });
    try {
      await eventually(async () => (await rowOf(orderNo)).workflowStarted, `${orderNo} started by the timer`);
      expect(warnings).toContain('started the workflows of orders stored without one');
    } finally {
      await sweep.stop();
    }
  });
});

describe('cancelling an order whose workflow never started', () => {
  it('starts and cancels it in one step: CANCELLED in its rows and its workflow, no task left open', async () => {
    const orderNo = await orphanOrder();
    const res = await requests(bed.app).post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ orderNo, status: 'CANCELLED', openTasks: [] });
    expect(await rowOf(orderNo)).toMatchObject({ status: 'CANCELLED', workflowStarted: true, statusReason: 'customer withdrew' });
    const view = await bed.stack.env.client.workflow.getHandle(orderWorkflowId(orderNo)).query(orderView);
    expect({ status: view.status, open: view.openTasks.length, reason: view.cancelled?.reason }).toEqual({
      status: 'CANCELLED',
      open: 0,
      reason: 'customer withdrew',
    });
    const again = await requests(bed.app).post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(await sweepOrphans(sweepDeps())).not.toContain(orderNo);
  });

  it('cannot race the sweep: one workflow, cancelled, whichever starts it first', async () => {
    for (let i = 0; i < 3; i++) {
      const orderNo = await orphanOrder();
      const [res] = await Promise.all([
        requests(bed.app).post(`/orders/${orderNo}/cancel`, actors.sales, { reason: `race ${i}` }),
        sweepOrphans(sweepDeps()),
      ]);
      expect(res.statusCode).toBe(200);
      expect((await rowOf(orderNo)).status).toBe('CANCELLED');
      expect(await eventually(async () => ((await runsOf(orderNo)).length ? runsOf(orderNo) : undefined), 'visibility')).toHaveLength(1);
      const open = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.orderNo, orderNo));
      expect(open.filter((t) => t.status === 'OPEN' || t.status === 'CLAIMED')).toEqual([]);
    }
  });
});
