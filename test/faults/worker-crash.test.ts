import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { settledInconsistencies } from './harness/consistency';
import { completeTask, createOrder, openTasks } from './harness/http';
import { waitFor } from './harness/processes';
import { useFaultStack, waitForStatus } from './harness/use-stack';

// kill -9 of the worker, with orders waiting in review and with activities in the middle of
// their database writes. Every order goes on, no task is lost or doubled, and a completion
// retried with its Idempotency-Key is applied once.

const bed = useFaultStack();
const url = () => bed.stack.api.baseUrl;

async function reviewTasksOf(orderNo: string): Promise<string[]> {
  let ids: string[] = [];
  await waitFor(`the review tasks of ${orderNo}`, async () => {
    ids = (await openTasks(url(), orderNo)).filter((t) => t.kind === 'review').map((t) => t.id);
    return ids.length === 5;
  });
  return ids;
}

/** Repeats a completion (same Idempotency-Key) until the API answers it; answers the statuses seen. */
async function completeUntilAnswered(taskId: string): Promise<number[]> {
  const seen: number[] = [];
  await waitFor(
    `an answer to completing ${taskId}`,
    async () => {
      const a = await completeTask(url(), taskId);
      seen.push(a.status);
      if (a.status === 503) expect(a.retryAfter).toBe('5');
      return a.status !== 503;
    },
    120_000,
    500,
  );
  return seen;
}

describe('the worker killed with kill -9', () => {
  const orders: string[] = [];

  it('while orders are in review: completions wait for it with 503, and each applies once after the restart', async () => {
    for (let i = 0; i < 4; i++) {
      const a = await createOrder(url(), `review-${i}`);
      expect(a.status).toBe(201);
      orders.push(a.body.orderNo);
    }
    const tasks = await Promise.all(orders.map(reviewTasksOf));
    for (const ids of tasks) for (const id of ids.slice(0, 2)) expect((await completeTask(url(), id)).status).toBe(200);

    await bed.stack.worker.kill();
    const during = await Promise.all(tasks.map((ids) => completeTask(url(), ids[2])));
    for (const a of during) {
      expect(a.status).toBe(503);
      expect(a.retryAfter).toBe('5');
      expect(a.body.error.code).toBe('WORKER_UNAVAILABLE');
    }
    await bed.stack.worker.start();

    // The same requests again: each learns the one result, whether it applied while waiting or now.
    for (const ids of tasks) expect((await completeUntilAnswered(ids[2])).at(-1)).toBe(200);
    for (const ids of tasks) for (const id of ids.slice(3)) expect((await completeUntilAnswered(id)).at(-1)).toBe(200);
    for (const orderNo of orders) await waitForStatus(url(), orderNo, 'CONTRACTING');
    expect(await settledInconsistencies(bed.stack.client, bed.stack.sql)).toEqual([]);
  });

  it('while activities are writing: the writes are retried on the new worker and the order goes on', async () => {
    const contract = await Promise.all(
      orders.map(async (orderNo) => {
        let id = '';
        await waitFor(`the contract draft of ${orderNo}`, async () => {
          id = (await openTasks(url(), orderNo)).find((t) => t.kind !== 'risk_plan')?.id ?? '';
          return id !== '';
        });
        return id;
      }),
    );
    // Hold the task rows: every completion's projection write now waits inside its activity.
    const locker = postgres(bed.stack.pg.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const held = locker.begin(async (tx) => {
      await tx`lock table tasks in exclusive mode`;
      locked();
      await released;
    });
    await lockTaken;
    const answers = Promise.all(contract.map((id) => completeTask(url(), id)));
    await waitFor('the activities to wait on the locked rows', async () => {
      const waiting = await bed.stack.sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`;
      return waiting[0].n >= orders.length;
    });

    await bed.stack.worker.kill();
    release();
    await held;
    await locker.end();
    for (const a of await answers) expect([200, 503]).toContain(a.status);
    await bed.stack.worker.start();

    for (const id of contract) expect((await completeUntilAnswered(id)).at(-1)).toBe(200);
    // Onward, through the contract review, on the new worker.
    for (const orderNo of orders) {
      await waitFor(`the next task of ${orderNo}`, async () => {
        const next = (await openTasks(url(), orderNo)).find((t) => t.kind !== 'risk_plan' && !contract.includes(t.id));
        return !!next && (await completeUntilAnswered(next.id)).at(-1) === 200;
      });
    }
    expect(await settledInconsistencies(bed.stack.client, bed.stack.sql)).toEqual([]);
  });
});
