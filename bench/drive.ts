import { genericClient, type Transport } from '../src/cli/api-client';
import { fillForm, type JsonSchema } from '../src/cli/form-filler';
import { httpTransport } from '../src/cli/http-transport';
import type { Actor } from '../workflows/order/types';
import { JWT_SECRET } from '../test/faults/harness/service';
import { routineOrder } from '../test/faults/harness/http';
import { sleep, waitFor } from '../test/faults/harness/processes';
import type { Side } from './world';

// Both sides driven the same way over HTTP by the generic client of `npm run demo`: it
// completes each open task with its first outcome and a form filled from its JSON Schema.

const sales: Actor = { sub: 'bench.sales', name: 'Bench Sales', departments: ['sales'], roles: ['staff'] };
export const auditor: Actor = { sub: 'bench.auditor', name: 'Bench Auditor', departments: ['audit'], roles: ['auditor'] };
export function transport(baseUrl: string): Transport {
  return httpTransport(baseUrl, JWT_SECRET, { timeoutMs: 120_000 });
}

export async function createOrder(side: Side): Promise<string> {
  const a = await transport(side.baseUrl)('POST', '/orders', sales, routineOrder('BENCH'));
  if (a.status !== 201) throw new Error(`${side.name}: create answered ${a.status} ${JSON.stringify(a.body)}`);
  return (a.body as { orderNo: string }).orderNo;
}

export interface LifecycleRun {
  seconds: number;
  orders: number;
  tasks: number;
  orderNos: string[];
}

/** Creates `orders` orders and drives each to CLOSED, `concurrency` at a time. */
export async function lifecycleBatch(side: Side, orders: number, concurrency: number): Promise<LifecycleRun> {
  const client = genericClient(transport(side.baseUrl), { reader: auditor, memberPrefix: 'bench.' });
  let tasks = 0;
  let next = 0;
  const orderNos: string[] = [];
  const started = performance.now();
  const lane = async () => {
    while (next < orders) {
      next++;
      const orderNo = await createOrder(side);
      orderNos.push(orderNo);
      const status = await client.advance(orderNo, (s) => s === 'CLOSED' || s === 'CANCELLED', {
        timeoutMs: 600_000,
        onCompleted: () => tasks++,
      });
      if (status !== 'CLOSED') throw new Error(`${side.name}: order ${orderNo} ended ${status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { seconds: (performance.now() - started) / 1000, orders, tasks, orderNos };
}

async function openTasksOf(side: Side, orderNo: string) {
  const a = await transport(side.baseUrl)('GET', `/tasks?orderNo=${encodeURIComponent(orderNo)}&limit=200`, auditor);
  return (a.body as { items: { id: string }[] }).items;
}

/**
 * `approvers` completions sent at one instant, each of a different open task (the first
 * tasks of fresh orders: the service's review round, the twin's first group); answers the
 * latency of each POST /tasks/:id/complete in milliseconds.
 */
export async function completionWave(side: Side, approvers: number): Promise<number[]> {
  const t = transport(side.baseUrl);
  const ready: { id: string; body: unknown; actor: Actor }[] = [];
  while (ready.length < approvers) {
    const orderNo = await createOrder(side);
    let open: { id: string }[] = [];
    await waitFor(`open tasks of ${orderNo}`, async () => (open = await openTasksOf(side, orderNo)).length > 0, 60_000, 100);
    for (const { id } of open.slice(0, approvers - ready.length)) {
      const detail = (await t('GET', `/tasks/${encodeURIComponent(id)}`, auditor)).body as {
        department: string;
        outcomes: string[];
        form: JsonSchema;
      };
      const actor: Actor = { sub: `bench.${detail.department}`, name: 'Bench', departments: [detail.department], roles: ['staff'] };
      ready.push({ id, actor, body: { outcome: detail.outcomes[0], data: fillForm(detail.form, new Date().toISOString().slice(0, 10)) } });
    }
  }
  await sleep(500);
  return Promise.all(
    ready.map(async ({ id, actor, body }) => {
      const started = performance.now();
      const a = await t('POST', `/tasks/${encodeURIComponent(id)}/complete`, actor, body);
      if (a.status !== 200) throw new Error(`${side.name}: complete ${id} answered ${a.status} ${JSON.stringify(a.body)}`);
      return performance.now() - started;
    }),
  );
}

/** Starts `count` orders and waits until each has its first tasks open: orders parked, waiting for people. */
export async function parkOrders(side: Side, count: number, concurrency = 16): Promise<string[]> {
  const orderNos: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next++ < count) orderNos.push(await createOrder(side));
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  for (const orderNo of orderNos) {
    await waitFor(`open tasks of ${orderNo}`, async () => (await openTasksOf(side, orderNo)).length > 0, 300_000, 200);
  }
  return orderNos;
}
