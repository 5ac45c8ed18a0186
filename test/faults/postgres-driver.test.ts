import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isDatabaseUnavailable } from '../../src/api/errors';
import { openDatabase, type Database } from '../../src/db/client';
import { PostgresServer } from './harness/postgres-server';
import { sleep } from './harness/processes';

// postgres.js 3.4.9 defers small writes to a setImmediate; when the server goes away
// between the two, the deferred write meets a closed socket and throws where nobody can
// catch it, and the process (worker or API) dies. patches/postgres+3.4.9.patch guards it.
// This is the same shutdown, in the middle of transactions, in the test's own process.

let dir: string;
let pg: PostgresServer;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'order-bpm-pgdriver-'));
  pg = new PostgresServer(dir);
  await pg.init();
  database = await openDatabase({ url: pg.url });
  await database.db.execute(sql`create table writes (id int primary key, v text)`);
});

afterAll(async () => {
  await database?.close();
  pg?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the database driver', () => {
  it('survives a server shutdown in the middle of transactions, and every pooled connection works after the restart', async () => {
    let stop = false;
    let n = 0;
    const failures: string[] = [];
    const writers = Array.from({ length: 8 }, async (_, k) => {
      while (!stop) {
        await database.db
          .transaction(async (tx) => {
            await tx.execute(sql`insert into writes values (${n++}, 'x') on conflict do nothing`);
            await tx.execute(sql`select pg_sleep(0.05)`);
            await tx.execute(sql`update writes set v = 'y' where id = ${k}`);
          })
          .catch((err: Error) => failures.push(err.message));
        await sleep(20);
      }
    });
    await sleep(1_000);
    pg.stop();
    await sleep(5_000);
    await pg.start();
    await sleep(2_000);
    stop = true;
    await Promise.all(writers);
    expect(failures.length).toBeGreaterThan(0);
    // Twenty reads at once use every connection of the pool (10): none may hang. A connection
    // the shutdown ended while idle may fail its next query once, as a retryable error.
    const round = () => Promise.allSettled(Array.from({ length: 20 }, () => database.db.execute(sql`select count(*) as n from writes`)));
    const first = await Promise.race([round(), sleep(10_000).then(() => 'hung' as const)]);
    expect(first).not.toBe('hung');
    const failed = (first as PromiseSettledResult<unknown>[]).filter((r) => r.status === 'rejected');
    expect(failed.filter((r) => !isDatabaseUnavailable(r.reason))).toEqual([]);
    const second = await Promise.race([round(), sleep(10_000).then(() => 'hung' as const)]);
    expect(second !== 'hung' && second.every((r) => r.status === 'fulfilled')).toBe(true);
  });
});
