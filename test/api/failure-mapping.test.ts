import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { buildApp } from '../../src/api/app';
import { toApiError } from '../../src/api/errors';
import { openDatabase, type Database } from '../../src/db/client';
import { orderWorkflowId, cancelOrder } from '../../workflows/order/messages';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, offlineDeps, requests, useStack } from '../helpers/api';

// Failures a retry can fix answer 503 with Retry-After, and say which part is away: the
// database, the engine, or the order's worker. Readiness shows facts only.

const bed = useStack();

const retryable = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, code: string) => {
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
};

/** A database whose server refuses connections (postgres.js), and one that is closed (PGlite). */
async function unreachableDatabases(): Promise<[string, Database][]> {
  const refused = await openDatabase({ url: 'postgres://postgres:postgres@127.0.0.1:1/none' });
  const closed = await openDatabase({});
  await closed.close();
  return [
    ['postgres.js, connection refused', refused],
    ['PGlite, closed', closed],
  ];
}

describe('database down', () => {
  it('answers 503 with Retry-After for every call that needs the database, and readiness says database down', async () => {
    for (const [what, database] of await unreachableDatabases()) {
      const app = await buildApp({ ...offlineDeps(database), temporal: bed.stack.env.client, taskQueue: bed.stack.taskQueue });
      const { get, post } = requests(app);
      try {
        retryable(await get('/orders', actors.auditor), 'DATABASE_UNAVAILABLE');
        retryable(await get('/orders/SO-20260101-0001', actors.auditor), 'DATABASE_UNAVAILABLE');
        retryable(await get('/tasks', actors.production), 'DATABASE_UNAVAILABLE');
        retryable(await post('/orders', actors.sales, sampleOrder()), 'DATABASE_UNAVAILABLE');
        retryable(
          await post('/tasks/SO-20260101-0001.review.r1.quality/complete', actors.quality, { outcome: 'approve' }),
          'DATABASE_UNAVAILABLE',
        );
        const ready = await get('/readyz');
        expect(ready.statusCode, what).toBe(503);
        expect(ready.json(), what).toEqual({ status: 'not ready', checks: { database: 'down', temporal: 'up' } });
      } finally {
        await app.close();
      }
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'answers 503 when an operator ends the connection mid-query (pg_terminate_backend), and serves again after',
    async () => {
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      // postgres.js answers rows as an array.
      const result: unknown = await bed.stack.database.db.execute(sql`select current_database() as db`);
      const [{ db }] = result as { db: string }[];
      const locker = postgres({ ...admin.options, database: db } as never, { max: 1 });
      try {
        // Hold the orders table so the API's query waits, then end its connection as an operator would.
        let locked!: () => void;
        const lockTaken = new Promise<void>((resolve) => (locked = resolve));
        const held = locker.begin(async (tx) => {
          await tx`lock table orders in access exclusive mode`;
          locked();
          await eventually(async () => {
            const waiting = await admin`select pid from pg_stat_activity where datname = ${db} and wait_event_type = 'Lock'`;
            if (waiting.length === 0) return false;
            await admin`select pg_terminate_backend(${waiting[0].pid}::int)`;
            return true;
          }, 'the API waiting on the lock');
        });
        await lockTaken;
        const res = await requests(bed.app).get('/orders', actors.auditor);
        await held;
        retryable(res, 'DATABASE_UNAVAILABLE');
        expect((await requests(bed.app).get('/orders', actors.auditor)).statusCode).toBe(200);
      } finally {
        await locker.end();
        await admin.end();
      }
    },
  );
});

describe('engine and worker', () => {
  it('tells a worker that does not answer from an engine that is away, within the configured time', async () => {
    // An order on a task queue no worker polls: the engine takes the Update, no worker answers.
    const app = await buildApp({
      ...offlineDeps(bed.stack.database),
      temporal: bed.stack.env.client,
      taskQueue: `nobody-${Date.now()}`,
      engineTimeoutMs: 1_500,
    });
    const offline = await buildApp(offlineDeps(bed.stack.database, { engineTimeoutMs: 1_500 }));
    try {
      const created = await requests(app).post('/orders', actors.sales, sampleOrder());
      expect(created.statusCode).toBe(201);
      const { orderNo } = created.json<{ orderNo: string }>();
      const started = Date.now();
      const stuck = await requests(app).post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
      retryable(stuck, 'WORKER_UNAVAILABLE');
      expect(stuck.json().error.message).toContain(`the worker of order ${orderNo} did not answer within 1.5 s`);
      expect(stuck.json().error.details).toEqual({ orderNo });
      // Bounded: the configured wait plus a probe, far from the old 15 s.
      expect(Date.now() - started).toBeLessThan(10_000);

      const away = await requests(offline).post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
      retryable(away, 'ENGINE_UNAVAILABLE');
      expect(away.json().error.message).toBe('the workflow engine is unreachable; retry shortly');
    } finally {
      await app.close();
      await offline.close();
      await offline.temporal.connection.close();
    }
  });

  it('maps a cancelled Update call (gRPC CANCELLED) to 503 with Retry-After', async () => {
    const app = await buildApp({ ...offlineDeps(bed.stack.database), temporal: bed.stack.env.client, taskQueue: `nobody-${Date.now()}` });
    try {
      const { orderNo } = (await requests(app).post('/orders', actors.sales, sampleOrder())).json<{ orderNo: string }>();
      const handle = bed.stack.env.client.workflow.getHandle(orderWorkflowId(orderNo));
      const err = await bed.stack.env.client
        .withAbortSignal(AbortSignal.timeout(500), () =>
          handle.executeUpdate(cancelOrder, { args: [{ reason: 'x', actor: actors.sales }], updateId: `u-${Date.now()}` }),
        )
        .catch((e: unknown) => e);
      expect((err as Error).name).toBe('WorkflowUpdateRPCTimeoutOrCancelledError');
      expect(((err as Error).cause as { code: number }).code).toBe(1);
      const mapped = toApiError(err);
      expect({ status: mapped?.statusCode, code: mapped?.code, headers: mapped?.headers }).toEqual({
        status: 503,
        code: 'ENGINE_UNAVAILABLE',
        headers: { 'Retry-After': '5' },
      });
    } finally {
      await app.close();
    }
  });
});

describe('readiness', () => {
  it('answers facts only and logs why a check failed', async () => {
    const lines: { level: number; msg: string; check?: string; cause?: { message: string } }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const offline = await buildApp(offlineDeps(bed.stack.database), pino({ level: 'warn' }, sink));
    try {
      const res = await offline.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({ status: 'not ready', checks: { database: 'up', temporal: 'down' } });
      const warned = lines.find((l) => l.check === 'temporal');
      expect(warned).toMatchObject({ level: 40, msg: 'readiness: Temporal does not answer' });
      expect(warned?.cause?.message.length).toBeGreaterThan(0);
    } finally {
      await offline.close();
      await offline.temporal.connection.close();
    }
    const ready = await requests(bed.app).get('/readyz');
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', temporal: 'up' } });
  });
});

describe('error classes', () => {
  it('recognises connection failures of postgres.js and PGlite, and nothing a retry cannot fix', () => {
    const failure = (code: string, wrapped = true) => {
      const err = Object.assign(new Error(`${code} happened`), { code });
      return wrapped ? Object.assign(new Error('Failed query: select 1\nparams: '), { cause: err }) : err;
    };
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      'CONNECT_TIMEOUT',
      '57P01',
      '57P03',
      '08006',
    ]) {
      expect(toApiError(failure(code))?.code, code).toBe('DATABASE_UNAVAILABLE');
    }
    expect(toApiError(new Error('PGlite is closed'))?.code).toBe('DATABASE_UNAVAILABLE');
    for (const code of ['23505', '22P05', '42P01', '22001']) expect(toApiError(failure(code)), code).toBeUndefined();
  });
});
