import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { PostgresServer } from '../test/faults/harness/postgres-server';
import { Child, freePort, sleep, waitFor } from '../test/faults/harness/processes';
import { JWT_SECRET } from '../test/faults/harness/service';
import { TemporalServer } from '../test/faults/harness/temporal-server';
import type { BareShape } from './bare/workflows';

// The benchmark's world: one Temporal dev server and one PostgreSQL for both sides; the
// service's worker and API, and the bare twin's worker and API, each its own process.

export interface Side {
  name: 'service' | 'bare';
  baseUrl: string;
  taskQueue: string;
  workerPid(): number;
  /** The worker's memory after a full GC, as it reports it. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
}

// BENCH_PROFILE=<dir>: every process of both sides writes a V8 CPU profile there when it exits.
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`] : [];
const node = (script: string, gc = false) => [...(gc ? ['--expose-gc'] : []), ...profile, '--import', 'tsx', resolve(script)];

function sideOf(name: Side['name'], baseUrl: string, taskQueue: string, worker: Child): Side {
  return {
    name,
    baseUrl,
    taskQueue,
    workerPid: () => worker.pid!,
    async memory() {
      const before = worker.log().split('"msg":"memory"').length;
      process.kill(worker.pid!, 'SIGUSR2');
      await waitFor(`${name} worker memory report`, () => worker.log().split('"msg":"memory"').length > before, 30_000, 100);
      const line = worker
        .log()
        .split('\n')
        .reverse()
        .find((l) => l.includes('"msg":"memory"'))!;
      return JSON.parse(line) as { rss: number; heapUsed: number };
    },
  };
}

async function startProcess(child: Child, ready: () => Promise<boolean> | boolean, what: string): Promise<void> {
  child.start();
  await waitFor(what, ready, 180_000, 250);
}

export class World {
  readonly children: Child[] = [];
  client!: Client;
  private readonly temporal: TemporalServer;
  private readonly pg: PostgresServer;

  constructor(private readonly dir: string) {
    this.temporal = new TemporalServer(dir);
    this.pg = new PostgresServer(dir);
  }

  async start(): Promise<void> {
    await Promise.all([this.temporal.start(), this.pg.init()]);
    this.client = new Client({ connection: await Connection.connect({ address: this.temporal.address }) });
  }

  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: this.pg.url,
      TEMPORAL_ADDRESS: this.temporal.address,
      AUTH_JWT_SECRET: JWT_SECRET,
      ...extra,
    };
  }

  private child(name: string, args: string[], env: Record<string, string>): Child {
    const c = new Child(name, process.execPath, args, join(this.dir, `${name}.log`), this.env(env));
    this.children.push(c);
    return c;
  }

  async startService(): Promise<Side> {
    const worker = this.child('service-worker', node('bench/service-worker.ts', true), { TEMPORAL_TASK_QUEUE: 'orders' });
    await startProcess(worker, () => worker.log().includes('"msg":"worker running"'), 'the service worker');
    const port = await freePort();
    const api = this.child('service-api', [...node('src/main.ts'), 'api'], {
      TEMPORAL_TASK_QUEUE: 'orders',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ENGINE_TIMEOUT_MS: '60000',
      RATE_LIMIT_PER_IP: '100000000',
      RATE_LIMIT_PER_TOKEN: '100000000',
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await startProcess(api, async () => (await fetch(`${baseUrl}/healthz`)).ok, 'the service API');
    return sideOf('service', baseUrl, 'orders', worker);
  }

  async startBare(shape: BareShape): Promise<Side> {
    const worker = this.child('bare-worker', node('bench/bare/worker.ts', true), { TASK_QUEUE: 'bare' });
    await startProcess(worker, () => worker.log().includes('"msg":"worker running"'), 'the bare worker');
    const port = await freePort();
    const api = this.child('bare-api', node('bench/bare/api.ts'), {
      TASK_QUEUE: 'bare',
      PORT: String(port),
      BARE_SHAPE: JSON.stringify(shape),
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await startProcess(api, async () => (await fetch(`${baseUrl}/healthz`)).ok, 'the bare API');
    return sideOf('bare', baseUrl, 'bare', worker);
  }

  async close(): Promise<void> {
    for (const c of [...this.children].reverse()) await c.stop(5_000);
    await this.client?.connection.close();
    await this.temporal.stop();
    this.pg.destroy();
    await sleep(100);
  }
}
