import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { PostgresServer } from './postgres-server';
import { ApiProcess, WorkerProcess } from './service';
import { TemporalServer } from './temporal-server';

// One test file's world: its own PostgreSQL cluster and Temporal dev server, and the worker
// and API as processes; plus a Temporal client and a SQL connection for the checks.

export interface FaultStack {
  dir: string;
  pg: PostgresServer;
  temporal: TemporalServer;
  worker: WorkerProcess;
  api: ApiProcess;
  client: Client;
  sql: postgres.Sql;
  /** Everything each process printed, for a failing test's message. */
  logs(): string;
  close(): Promise<void>;
}

export interface StackOptions {
  api?: Record<string, string>;
  worker?: Record<string, string>;
}

export async function startFaultStack(opts: StackOptions = {}): Promise<FaultStack> {
  const dir = mkdtempSync(join(tmpdir(), 'order-bpm-faults-'));
  const pg = new PostgresServer(dir);
  const temporal = new TemporalServer(dir);
  await Promise.all([pg.init(), temporal.start()]);
  const base = { databaseUrl: pg.url, temporalAddress: temporal.address, taskQueue: 'orders' };
  const worker = new WorkerProcess(dir, { ...base, extra: opts.worker });
  const api = await ApiProcess.create(dir, {
    ...base,
    extra: { ENGINE_TIMEOUT_MS: '3000', ORPHAN_SWEEP_INTERVAL_MS: '1000', ...opts.api },
  });
  // The worker first: it migrates the database before the API reads it.
  await worker.start();
  await api.start();
  const client = new Client({ connection: Connection.lazy({ address: temporal.address }), namespace: 'default' });
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  return {
    dir,
    pg,
    temporal,
    worker,
    api,
    client,
    sql,
    logs: () => [`--- api\n${api.tail()}`, `--- worker\n${worker.tail()}`, `--- temporal\n${temporal.tail()}`].join('\n'),
    async close() {
      await api.stop();
      await worker.stop();
      await client.connection.close();
      await sql.end({ timeout: 2 });
      temporal.resume();
      await temporal.stop();
      pg.destroy();
      // FAULTS_KEEP=1 keeps the folder (logs, data) for a look after the run.
      if (!process.env.FAULTS_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}
