import { describe, expect, it } from 'vitest';
import { settledInconsistencies } from './harness/consistency';
import { auditor, call, completeTask, createOrder, openTasks } from './harness/http';
import { sleep, waitFor } from './harness/processes';
import { contractBreaches, Traffic } from './harness/traffic';
import { useFaultStack } from './harness/use-stack';

// The Temporal server stopped for 20 seconds in the middle of traffic, its state kept on
// disk. Meanwhile the API answers 503 with Retry-After for what needs the engine and serves
// what it reads from the database; afterwards every order goes on and nothing is lost.

const OUTAGE_MS = 20_000;
const bed = useFaultStack();
const url = () => bed.stack.api.baseUrl;

describe('Temporal stopped for 20 seconds during traffic', () => {
  it('answers 503 with Retry-After meanwhile, fails readiness, and then everything continues', async () => {
    const { stack } = bed;
    const traffic = new Traffic(url(), { orders: 14, createEveryMs: 700, approvers: 4, customer: 'TEMPORAL-OUTAGE' });
    traffic.start();
    await waitFor('some orders in review', async () => (await openTasks(url())).length >= 10);
    const [someTask] = await openTasks(url());

    await stack.temporal.stop();
    const down = Date.now();
    const ready = await call(url(), 'GET', '/readyz');
    expect({ status: ready.status, retryAfter: ready.retryAfter, body: ready.body }).toEqual({
      status: 503,
      retryAfter: '5',
      body: { status: 'not ready', checks: { database: 'up', temporal: 'down' } },
    });
    const create = await createOrder(url(), 'during-temporal-outage', 'TEMPORAL-OUTAGE');
    expect({ status: create.status, retryAfter: create.retryAfter, code: create.body.error.code }).toEqual({
      status: 503,
      retryAfter: '5',
      code: 'ENGINE_UNAVAILABLE',
    });
    const stranded = create.body.error.details.orderNo as string;
    const complete = await completeTask(url(), someTask.id);
    expect({ status: complete.status, retryAfter: complete.retryAfter, code: complete.body.error.code }).toEqual({
      status: 503,
      retryAfter: '5',
      code: 'ENGINE_UNAVAILABLE',
    });
    expect((await call(url(), 'GET', '/orders?limit=5', auditor)).status).toBe(200);
    await sleep(OUTAGE_MS - (Date.now() - down));
    await stack.temporal.start();
    const up = Date.now();

    const completedBefore = traffic.answers.filter((a) => a.what === 'complete' && a.status === 200).length;
    await waitFor('completions to succeed again', () =>
      traffic.between(up, Date.now()).some((a) => a.what === 'complete' && a.status === 200),
    );
    await sleep(5_000);
    await traffic.stop();
    await traffic.settleCreates();

    const outage = traffic.between(down + 1_000, up);
    expect(outage.filter((a) => a.what !== 'list' && a.status !== 503)).toEqual([]);
    expect(outage.filter((a) => a.what === 'list' && a.status !== 200)).toEqual([]);
    expect(contractBreaches(traffic.answers)).toEqual([]);
    expect(traffic.answers.filter((a) => a.what === 'complete' && a.status === 200).length).toBeGreaterThan(completedBefore);
    // The order stored during the outage was started by the sweep, like every other.
    await waitFor(`the sweep to start ${stranded}`, async () => {
      const [row] = await stack.sql`select workflow_started from orders where order_no = ${stranded}`;
      return row.workflow_started === true;
    });
    expect(await settledInconsistencies(stack.client, stack.sql)).toEqual([]);
  });
});
