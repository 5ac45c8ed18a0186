import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';

// The API and the worker start side by side against one empty database: both migrate, and
// neither may fail on the other's half-applied migration.

const url = process.env.DATABASE_URL;
const name = `migrate_race_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!url)('migrations', () => {
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('run once when two processes migrate an empty database at the same time', async () => {
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const [a, b] = await Promise.all([openDatabase({ url: target.toString() }), openDatabase({ url: target.toString() })]);
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const check = postgres(target.toString(), { max: 1, onnotice: () => {} });
      const [{ n }] = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
      await check.end();
      expect(n).toBeGreaterThanOrEqual(10);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
