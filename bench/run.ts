import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { auditor, completionWave, lifecycleBatch, parkOrders, transport } from './drive';
import { cpuSeconds, percentile } from './measure';
import { rows, table, type SideRuns } from './report';
import { combinedShape, historyShape, taskGroups, twinOf, type HistoryShape } from './shape';
import { World, type Side } from './world';

// npm run bench: the service against a bare Temporal twin of the same shape, on one Temporal
// dev server and one PostgreSQL, in one run, interleaved. Sizes come from the environment:
// BENCH_ORDERS (8), BENCH_CONCURRENCY (8), BENCH_RUNS (3), BENCH_APPROVERS (50), BENCH_PARKED (1000).

Runtime.install({ logger: new DefaultLogger('WARN') });
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const opts = {
  orders: num('BENCH_ORDERS', 8),
  concurrency: num('BENCH_CONCURRENCY', 8),
  runs: num('BENCH_RUNS', 3),
  approvers: num('BENCH_APPROVERS', 50),
  parked: num('BENCH_PARKED', 1000),
};
const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const empty = (): SideRuns => ({ ordersPerSec: [], tasksPerSec: [], cpuPerOrder: [], historyEvents: [], p50: [], p95: [], p99: [] });

/** The workflows of one order: the service's order and its receivables, or the twin's one. */
const workflowsOf = (side: Side, orderNo: string) =>
  side.name === 'service' ? [`order-${orderNo}`, `receivables-${orderNo}`] : [`bare-${orderNo}`];

/** One routine order through the service, its shape counted from its histories and its tasks. */
async function calibrate(world: World, service: Side): Promise<{ shape: HistoryShape; orderOnly: HistoryShape; groups: number[] }> {
  const run = await lifecycleBatch(service, 1, 1);
  const orderNo = run.orderNos[0];
  const shape = await combinedShape(world.client, workflowsOf(service, orderNo));
  const orderOnly = await historyShape(world.client, workflowsOf(service, orderNo)[0]);
  const t = transport(service.baseUrl);
  const list = (await t('GET', `/tasks?orderNo=${orderNo}&status=COMPLETED&limit=200`, auditor)).body as { items: { id: string }[] };
  const tasks = await Promise.all(
    list.items.map(async ({ id }) => (await t('GET', `/tasks/${encodeURIComponent(id)}`, auditor)).body as { createdAt: string }),
  );
  return { shape, orderOnly, groups: taskGroups(tasks) };
}

async function throughputRun(world: World, side: Side, into: SideRuns): Promise<void> {
  const cpu = cpuSeconds(side.workerPid());
  const run = await lifecycleBatch(side, opts.orders, opts.concurrency);
  into.cpuPerOrder.push((cpuSeconds(side.workerPid()) - cpu) / run.orders);
  into.ordersPerSec.push(run.orders / run.seconds);
  into.tasksPerSec.push(run.tasks / run.seconds);
  into.historyEvents.push((await combinedShape(world.client, workflowsOf(side, run.orderNos[0]))).events);
  log(`${side.name}: ${run.orders} orders, ${run.tasks} tasks in ${run.seconds.toFixed(1)} s`);
}

async function latencyRun(side: Side, into: SideRuns): Promise<void> {
  const latencies = await completionWave(side, opts.approvers);
  into.p50.push(percentile(latencies, 50));
  into.p95.push(percentile(latencies, 95));
  into.p99.push(percentile(latencies, 99));
  log(`${side.name}: ${latencies.length} completions at once, p50 ${percentile(latencies, 50).toFixed(0)} ms`);
}

async function parkedMemory(side: Side, into: SideRuns): Promise<void> {
  const before = await side.memory();
  await parkOrders(side, opts.parked);
  const after = await side.memory();
  into.rssPerParked = (after.rss - before.rss) / opts.parked;
  into.heapPerParked = (after.heapUsed - before.heapUsed) / opts.parked;
  log(`${side.name}: ${opts.parked} orders parked, worker RSS ${(after.rss / 2 ** 20).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'order-bpm-bench-'));
  const world = new World(dir);
  try {
    await world.start();
    const service = await world.startService();
    const { shape, orderOnly, groups } = await calibrate(world, service);
    log(
      `a routine order: ${JSON.stringify(shape)} (its order workflow alone: ${JSON.stringify(orderOnly)}), tasks opened in groups ${JSON.stringify(groups)}`,
    );
    const bare = await world.startBare(twinOf(shape, groups));
    const twin = await lifecycleBatch(bare, 1, 1);
    const twinShape = await historyShape(world.client, workflowsOf(bare, twin.orderNos[0])[0]);
    log(`its bare twin: ${JSON.stringify(twinShape)}, ${twin.tasks} tasks`);

    // One unrecorded batch per side first: JIT, pools and caches warm, as in a running service.
    for (const side of [service, bare]) await lifecycleBatch(side, opts.concurrency, opts.concurrency);
    log('warmed up');
    const results = { service: empty(), bare: empty() };
    for (let r = 0; r < opts.runs; r++) {
      const order = r % 2 === 0 ? [service, bare] : [bare, service];
      for (const side of order) await throughputRun(world, side, results[side.name]);
      for (const side of order) await latencyRun(side, results[side.name]);
    }
    for (const side of [service, bare]) await parkedMemory(side, results[side.name]);

    const figures = rows(results.service, results.bare, opts);
    const out = [
      `\nnpm run bench (${JSON.stringify(opts)}), medians of ${opts.runs} runs; node ${process.version}`,
      `service order with its receivables: ${JSON.stringify(shape)} (the order workflow alone: ${JSON.stringify(orderOnly)}); bare twin: ${JSON.stringify(twinShape)}`,
      '',
      table(figures),
    ].join('\n');
    console.log(out);
    writeFileSync(
      join(process.cwd(), 'bench', 'last-run.json'),
      JSON.stringify({ opts, shape, orderOnly, twinShape, groups, results, figures }, null, 2),
    );
  } finally {
    await world.close();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
