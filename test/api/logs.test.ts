import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createActivities } from '../../activities';
import { buildApp } from '../../src/api/app';
import type { Database } from '../../src/db/client';
import { orderExceptions, orders } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import { redactFailure } from '../../src/temporal/redact-interceptor';
import { bearer, offlineDeps } from '../helpers/api';
import { createTestDatabase } from '../helpers/db';
import { actors, sampleOrder } from '../helpers/fixtures';

// Customer data never reaches the log: not through a query string, not through the
// parameters a failed insert carries in its error.

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let app: FastifyInstance;
let database: Database;
const customer = {
  email: 'buyer@secret-customer.example',
  address: 'Room 1701, Secret Tower, 88 Hidden Road',
  terms: 'confidential terms: 45 days after acceptance',
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(offlineDeps(database), createLogger('info', capture));
  // Every version insert fails, as a constraint violation would.
  await database.db.execute(sql`alter table order_versions add constraint refuse_all check (version < 0)`);
});
afterAll(async () => {
  await app?.close();
  await app?.temporal.connection.close();
  await database?.close();
});

describe('the log', () => {
  it('records a failed insert with customer data by its query and code, without the data', async () => {
    const order = sampleOrder({
      customer: { id: 'CUST-SECRET', name: 'Secret Buyer Ltd', email: customer.email },
      deliveryAddress: customer.address,
      paymentTerms: customer.terms,
    });
    const res = await app.inject({ method: 'POST', url: '/orders', headers: bearer(actors.sales), payload: order });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(await database.db.select().from(orders)).toEqual([]);

    const failure = lines
      .map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> })
      .find((l) => l.msg === 'unhandled error');
    expect(failure?.err?.message).toMatch(/^Failed query: insert into "order_versions" .*\nparams: \[redacted\]/s);
    expect(failure?.err).toMatchObject({ type: 'DrizzleQueryError', params: '[redacted]', cause: { code: '23514' } });
    const text = lines.join('\n');
    for (const secret of [customer.email, customer.address, customer.terms, 'Secret Buyer Ltd']) expect(text).not.toContain(secret);
  });

  it('names requests by path, never by their query string', async () => {
    await app.inject({ method: 'GET', url: '/orders?customerId=CUST-QUERY-SECRET', headers: bearer(actors.auditor) });
    const incoming = lines
      .map((l) => JSON.parse(l) as { msg: string; req?: { path?: string } })
      .filter((l) => l.msg === 'incoming request');
    expect(incoming.at(-1)?.req?.path).toBe('/orders');
    expect(lines.join('\n')).not.toContain('CUST-QUERY-SECRET');
  });
});

describe('activity failures', () => {
  it('leave the activity without the values of the failed query, so neither the worker log nor the history holds them', async () => {
    const exception = {
      id: 'SO-X.exception.1',
      orderNo: 'SO-X',
      type: 'delay',
      department: 'production',
      description: `call ${customer.email}`,
      reportedBy: 'pete',
      reportedAt: new Date(),
    };
    // A refused write fails the activity by its code and table alone.
    const refused = await createActivities({ db: database.db })
      .recordException({
        ...exception,
        type: 'delay',
        reportedBy: { sub: 'pete', name: 'Pete' },
        reportedAt: exception.reportedAt.toISOString(),
      })
      .catch((err: unknown) => err as Error);
    expect(refused?.message).toMatch(/^recordException was refused by the database \(23503\)/);
    expect(refused?.message).not.toContain(customer.email);
    // Any other failure of a query is stripped of its values before it is logged or recorded.
    const caught = await database.db
      .insert(orderExceptions)
      .values(exception)
      .catch((err: unknown) => err);
    expect(String((caught as Error).message)).toContain(customer.email);
    const redacted = redactFailure(caught) as Error;
    expect(redacted.name).toBe((caught as Error).name);
    expect(redacted.message).toMatch(/^Failed query: insert into "order_exceptions" .*\nparams: \[redacted\]$/s);
    expect(JSON.stringify({ message: redacted.message, stack: redacted.stack, cause: String(redacted.cause) })).not.toContain(
      customer.email,
    );
  });
});
