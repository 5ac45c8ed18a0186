import { resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { PolicySnapshot } from '../workflows/policy';
import { buildApp } from './api/app';
import { appDepsFromConfig } from './api/server';
import { startBanner } from './cli/banner';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { startArchiveSweep } from './audit/archive-sweep';
import { createLogger } from './logging/logger';
import { startOrphanSweep } from './orders/orphan-sweep';
import { loadPolicy, PolicyError } from './policy/load';
import { createTemporalClient } from './temporal/client';
import { ensureInspectionSchedules } from './temporal/schedules';
import { upsertKpiSchedules } from './temporal/kpi-schedules';
import { runOrderWorker } from './temporal/worker';

// npm start       → `all`: embedded Temporal dev server (unless TEMPORAL_ADDRESS is set),
//                   database (PGlite unless DATABASE_URL is set), worker and API.
// production      → `api` and `worker` as separate processes against real services.

type Mode = 'all' | 'api' | 'worker';

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'api', 'worker'].includes(mode)) throw new ConfigError(`unknown mode '${mode}': use all, api or worker`);
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  // The SDK's own lines (bundling, worker state) only at warn unless debugging.
  Runtime.install({ logger: new DefaultLogger(['debug', 'trace'].includes(config.LOG_LEVEL) ? 'DEBUG' : 'WARN'), shutdownSignals: [] });
  const policy = loadPolicy(config.POLICY_FILE);
  if (mode !== 'all' && !config.DATABASE_URL)
    throw new ConfigError('DATABASE_URL: required when the api and the worker run as separate processes');
  if (mode !== 'all' && !config.TEMPORAL_ADDRESS)
    throw new ConfigError('TEMPORAL_ADDRESS: required when the api and the worker run as separate processes');

  // Closed in reverse order of opening: API, worker, database, dev server.
  const closers: (() => Promise<unknown>)[] = [];
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    for (const close of closers.reverse()) await close().catch((err) => log.error({ err }, 'shutdown step failed'));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    log.info('starting the Temporal dev server (first start may take a moment)');
    // The dev server (and @temporalio/testing) is loaded only here: production never loads it.
    const { startDevServer } = await import('./temporal/dev-server');
    const dev = await startDevServer({
      dataDir: config.DATA_DIR,
      namespace: config.TEMPORAL_NAMESPACE,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_DEV_UI_PORT,
      retentionDays: config.TEMPORAL_DEV_RETENTION_DAYS,
    });
    closers.push(() => dev.close());
    address = dev.address;
  }

  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: resolve(config.DATA_DIR, 'pglite') });
  closers.push(() => database.close());
  await database.migrate();
  log.info({ database: database.kind }, 'database migrated');

  if (mode !== 'api') closers.push(...(await startWorkerSide(config, policy, address, database, log)));
  if (mode === 'worker') return;

  const app = await buildApp(appDepsFromConfig(config, database, address, policy), log.child({ component: 'api' }));
  closers.push(() => app.close());
  const sweep = startOrphanSweep({
    db: database.db,
    temporal: app.temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    intervalMs: config.ORPHAN_SWEEP_INTERVAL_MS,
    // An intake's own start is bounded by the engine timeout; younger orphans are still its own.
    graceMs: 2 * config.ENGINE_TIMEOUT_MS,
    timeoutMs: config.ENGINE_TIMEOUT_MS,
    log: log.child({ component: 'orphan-sweep' }),
  });
  closers.push(() => sweep.stop());
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(startBanner(config, address, policy.version));
}

/** The worker, the inspection and KPI schedules; answers what closes them. */
async function startWorkerSide(
  config: Config,
  policy: PolicySnapshot,
  address: string,
  database: Database,
  log: Logger,
): Promise<(() => Promise<unknown>)[]> {
  const closers: (() => Promise<unknown>)[] = [];
  const mailer = config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM } : undefined;
  const { TEMPORAL_NAMESPACE: namespace, TEMPORAL_TASK_QUEUE: taskQueue } = config;
  const { allowedWebhookHosts } = policy.policy.notifications;
  const worker = {
    address,
    namespace,
    taskQueue,
    db: database.db,
    mailer,
    allowedWebhookHosts,
    policy: policy.policy,
    shutdownGraceMs: config.WORKER_SHUTDOWN_GRACE_MS,
  };
  closers.push(await runOrderWorker(worker));
  log.info({ taskQueue }, 'worker running');
  const scheduler = createTemporalClient({ address, namespace });
  closers.push(() => scheduler.connection.close());
  log.info({ schedules: await ensureInspectionSchedules(scheduler, policy, taskQueue) }, 'inspection schedules');
  const archive = startArchiveSweep({
    db: database.db,
    temporal: scheduler,
    intervalMs: config.ARCHIVE_SWEEP_INTERVAL_MS,
    log: log.child({ component: 'history-archive' }),
  });
  closers.push(() => archive.stop());
  await upsertKpiSchedules({ address, namespace, taskQueue, policy: policy.policy }).then(
    () => log.info('KPI schedules set: daily monitor, monthly report'),
    (err: unknown) => log.error({ err }, 'KPI schedules could not be set; the worker runs without them'),
  );
  return closers;
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof PolicyError ? err.message : err);
  process.exit(1);
});
