import { describe, expect, it } from 'vitest';
import { settledInconsistencies } from './harness/consistency';
import { createOrder, type Answer } from './harness/http';
import { waitFor } from './harness/processes';
import { useFaultStack } from './harness/use-stack';

// The API killed between storing an order and starting its workflow, in a burst of creates.
// To stop every request right there, the Temporal server is frozen (SIGSTOP) first: the rows
// commit, the starts hang, and then the API dies with kill -9.

const ENGINE_TIMEOUT_MS = 8_000;
const bed = useFaultStack({ api: { ENGINE_TIMEOUT_MS: String(ENGINE_TIMEOUT_MS), ORPHAN_SWEEP_INTERVAL_MS: '1000' } });
const url = () => bed.stack.api.baseUrl;

const BURST = 10;

describe('the API killed during a burst of creates', () => {
  it('leaves every order row with its workflow and every workflow with its row', async () => {
    const { stack } = bed;
    const keys = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
    stack.temporal.pause();
    const burst: Promise<Answer>[] = keys.map((key) => createOrder(url(), key, 'BURST'));
    await waitFor('every row of the burst to commit', async () => {
      const [{ n }] = await stack.sql`select count(*)::int as n from orders where customer_id = 'BURST' and not workflow_started`;
      return n === BURST;
    });
    await stack.api.kill();
    // The clients saw the connection drop: no answer, no order number.
    expect((await Promise.all(burst)).map((a) => a.status)).toEqual(keys.map(() => 0));
    stack.temporal.resume();
    await stack.api.start();

    // Half the clients retry with their key and get their order; the other half gave up.
    const retried = await Promise.all(keys.slice(0, BURST / 2).map((key) => createOrder(url(), key, 'BURST')));
    expect(retried.map((a) => a.status)).toEqual(retried.map(() => 200));
    const rows = await stack.sql<{ order_no: string }[]>`select order_no from orders where customer_id = 'BURST'`;
    expect(rows).toHaveLength(BURST);
    expect(new Set(retried.map((a) => a.body.orderNo)).size).toBe(BURST / 2);

    // The orders nobody asked for again are started by the sweep, once older than its grace period.
    await waitFor(
      'the sweep to start every stored order',
      async () => {
        const [{ n }] = await stack.sql`select count(*)::int as n from orders where not workflow_started`;
        return n === 0;
      },
      4 * ENGINE_TIMEOUT_MS + 30_000,
      500,
    );
    expect(await settledInconsistencies(stack.client, stack.sql)).toEqual([]);
    const open = await stack.sql`select count(*)::int as n from tasks where status = 'OPEN' and kind = 'review'`;
    expect(open[0].n).toBe(BURST * 5);
  });
});
