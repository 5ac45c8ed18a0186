import { join, resolve } from 'node:path';
import { Child, freePort, waitFor } from './processes';

// The service as production runs it: `src/main.ts worker` and `src/main.ts api` as separate
// processes against the test's Temporal server and PostgreSQL.

export const JWT_SECRET = 'fault-tests-secret-fault-tests-secret-0123';

export interface ServiceEnv {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** Overrides of the environment (ENGINE_TIMEOUT_MS, ORPHAN_SWEEP_INTERVAL_MS, ...). */
  extra?: Record<string, string>;
}

function nodeArgs(mode: 'api' | 'worker'): string[] {
  return ['--import', 'tsx', resolve('src/main.ts'), mode];
}

function envOf(env: ServiceEnv, port?: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: env.databaseUrl,
    TEMPORAL_ADDRESS: env.temporalAddress,
    TEMPORAL_TASK_QUEUE: env.taskQueue,
    AUTH_JWT_SECRET: JWT_SECRET,
    ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}),
    ...env.extra,
  };
}

/** The worker process: ready once it logs that it polls its task queue. */
export class WorkerProcess {
  private readonly child: Child;
  private starts = 0;

  constructor(dir: string, env: ServiceEnv) {
    this.child = new Child('worker', process.execPath, nodeArgs('worker'), join(dir, 'worker.log'), envOf(env));
  }

  async start(): Promise<void> {
    const ready = ++this.starts;
    this.child.start();
    await waitFor('the worker to poll', () => this.child.log().split('"msg":"worker running"').length - 1 >= ready, 120_000, 250);
  }

  kill = () => this.child.kill();
  stop = () => this.child.stop();
  tail = () => this.child.tail();
}

/** The API process on its own port: ready once /healthz answers. */
export class ApiProcess {
  private readonly child: Child;
  port = 0;

  private constructor(dir: string, env: ServiceEnv, port: number) {
    this.port = port;
    this.child = new Child('api', process.execPath, nodeArgs('api'), join(dir, 'api.log'), envOf(env, port));
  }

  static async create(dir: string, env: ServiceEnv): Promise<ApiProcess> {
    return new ApiProcess(dir, env, await freePort());
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child.start();
    await waitFor('the API to answer /healthz', async () => (await fetch(`${this.baseUrl}/healthz`)).ok, 120_000, 250);
  }

  kill = () => this.child.kill();
  stop = () => this.child.stop();
  tail = () => this.child.tail();
  log = () => this.child.log();
}
