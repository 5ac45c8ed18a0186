// Times a month's KPI report over 100,000 orders with their tasks in PostgreSQL.
//
//   npm run bench:kpis                      uses DATABASE_URL, or postgres on 127.0.0.1:5432
//   npm run bench:kpis -- --orders 20000 --runs 5 --keep
//
// It creates a database of its own, loads a year of orders (each with the tasks, plan,
// breaches, risk events, complaints, tracking and tickets an order leaves behind) in SQL,
// analyzes it, then computes the busiest month's report several times and prints the
// median. The database is dropped afterwards unless --keep is given.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client';
import { computeKpis } from '../src/kpis/compute';
import { kpiPeriod, monthDays } from '../src/kpis/period';
import { buildPolicy } from '../src/policy/load';
import { loadBenchData } from './bench-kpis-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    month: { type: 'string', default: '2026-06' },
    keep: { type: 'boolean', default: false },
  },
});

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const orders = Number(values.orders);
const runs = Number(values.runs);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const name = `order_bpm_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    await database.migrate();
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const loadStart = performance.now();
    const counts = await loadBenchData(sql, orders);
    // As autovacuum would after a load: statistics, and the visibility map index-only scans need.
    await sql.unsafe('vacuum analyze');
    console.log(`loaded ${JSON.stringify(counts)} in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
    await sql.end();

    const { policy } = buildPolicy();
    const { from, to } = monthDays(values.month);
    const period = kpiPeriod(policy, from, to, new Date('2027-01-15T00:00:00Z'));
    await computeKpis(database.db, policy, period); // warm the cache, as a server that has run a while has it
    const times: number[] = [];
    let figures = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      figures = (await computeKpis(database.db, policy, period)).length;
      times.push(performance.now() - t0);
    }
    console.log(`month ${values.month}: ${figures} figures; runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
    console.log(`median: ${median(times).toFixed(0)} ms over ${runs} runs, ${orders} orders`);
  } finally {
    await database.close();
    if (values.keep) console.log(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
