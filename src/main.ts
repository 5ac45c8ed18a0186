import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { buildApp } from './api/app';
import { devActors, signToken } from './auth/tokens';
import { ConfigError, DEV_JWT_SECRET, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { startPendingOrders } from './orders/intake';
import { loadPolicy, PolicyError } from './policy/load';
import { devServerExecutable } from './temporal/binaries';
import { createTemporalClient } from './temporal/client';
import { createOrderWorker } from './temporal/worker';

// npm start       → `all`: embedded Temporal dev server (unless TEMPORAL_ADDRESS is set),
//                   database (PGlite unless DATABASE_URL is set), worker and API.
// production      → `api` and `worker` as separate processes against real services.

type Mode = 'all' | 'api' | 'worker';

const DEV_TEMPORAL_PORT = 7233;
const DEV_TEMPORAL_UI_PORT = 8233;

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'api', 'worker'].includes(mode)) throw new ConfigError(`unknown mode '${mode}': use all, api or worker`);
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization'] });
  // The SDK's own lines (bundling, worker state) only at warn unless debugging; shutdown
  // is ours, in order: API, worker, database, dev server.
  Runtime.install({ logger: new DefaultLogger(['debug', 'trace'].includes(config.LOG_LEVEL) ? 'DEBUG' : 'WARN'), shutdownSignals: [] });
  const policy = loadPolicy(config.POLICY_FILE);
  if (mode !== 'all' && !config.DATABASE_URL)
    throw new ConfigError('DATABASE_URL: required when the api and the worker run as separate processes');
  if (mode !== 'all' && !config.TEMPORAL_ADDRESS)
    throw new ConfigError('TEMPORAL_ADDRESS: required when the api and the worker run as separate processes');

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
    mkdirSync(config.DATA_DIR, { recursive: true });
    log.info('starting the Temporal dev server (first start may take a moment)');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServerExecutable(),
        dbFilename: resolve(config.DATA_DIR, 'temporal.sqlite'),
        ip: '127.0.0.1',
        port: DEV_TEMPORAL_PORT,
        ui: true,
        uiPort: DEV_TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
      },
    });
    closers.push(() => env.teardown());
    address = env.address;
  }

  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: resolve(config.DATA_DIR, 'pglite') });
  closers.push(() => database.close());
  await database.migrate();
  log.info({ database: database.kind }, 'database migrated');

  let worker: Worker | undefined;
  if (mode !== 'api') {
    const connection = await NativeConnection.connect({ address });
    worker = await createOrderWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      db: database.db,
      mailer: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM } : undefined,
    });
    const running = worker.run();
    closers.push(async () => {
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    });
    log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  }

  if (mode !== 'worker') await startApi(config, database, address, policy, log, closers);
}

async function startApi(
  config: Config,
  database: Database,
  address: string,
  policy: ReturnType<typeof loadPolicy>,
  log: pino.Logger,
  closers: (() => Promise<unknown>)[],
): Promise<void> {
  const temporal = createTemporalClient({ address, namespace: config.TEMPORAL_NAMESPACE });
  closers.push(() => temporal.connection.close());
  const app = await buildApp(
    {
      database,
      temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      policy,
      jwtSecret: config.AUTH_JWT_SECRET,
      engineTimeoutMs: 15_000,
    },
    log.child({ component: 'api' }),
  );
  closers.push(() => app.close());
  const repaired = await startPendingOrders({ db: database.db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE });
  if (repaired.length) log.warn({ orders: repaired }, 'started workflows of orders stored before a crash');
  await app.listen({ port: config.PORT, host: config.HOST });

  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const lines = [
    '',
    `Order BPM is running (policy ${policy.version})`,
    `  API          ${base}`,
    `  API docs     ${base}/docs`,
    ...(config.TEMPORAL_ADDRESS
      ? [`  Temporal     ${address}`]
      : [`  Temporal UI  http://127.0.0.1:${DEV_TEMPORAL_UI_PORT}`, `  Temporal     ${address}`]),
  ];
  if (config.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    lines.push('', 'Dev tokens (Authorization: Bearer <token>; more with `npm run token`):');
    for (const actor of devActors) lines.push(`  ${actor.name.padEnd(24)} ${signToken(config.AUTH_JWT_SECRET, actor)}`);
  }
  console.log(lines.join('\n'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof PolicyError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
