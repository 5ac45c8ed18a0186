import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildApp, type AppDeps } from '../../src/api/app';
import { signToken } from '../../src/auth/tokens';
import type { Database } from '../../src/db/client';
import { buildPolicy } from '../../src/policy/load';
import type { Actor } from '../../workflows/order/types';
import { createTemporalClient } from '../../src/temporal/client';
import { createOrderWorker } from '../../src/temporal/worker';
import { createTestDatabase } from './db';
import { startDevServer, workflowBundle } from './temporal';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

/** Tests send many requests with one token; only the rate-limit test sets real limits. */
const unlimited = { perIp: 1_000_000, perToken: 1_000_000, windowMs: 60_000 };

export interface Stack {
  app: FastifyInstance;
  env: TestWorkflowEnvironment;
  database: Database;
  taskQueue: string;
  close(): Promise<void>;
}

/** The whole service in one process: real dev server, real worker, real database, the API. */
export async function startStack(): Promise<Stack> {
  const [env, database, bundle] = await Promise.all([startDevServer(), createTestDatabase(), workflowBundle()]);
  const taskQueue = `orders-${Math.random().toString(36).slice(2, 8)}`;
  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    db: database.db,
    temporal: env.client,
  });
  const running = worker.run();
  const app = await buildApp({
    database,
    temporal: env.client,
    taskQueue,
    policy: buildPolicy(),
    jwtSecret: JWT_SECRET,
    engineTimeoutMs: 15_000,
    rateLimit: unlimited,
    replay: { concurrency: 1, queueLimit: 8, bundle: workflowBundle },
  });
  return {
    app,
    env,
    database,
    taskQueue,
    async close() {
      await app.close();
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}

export const bearer = (actor: Actor) => ({ authorization: `Bearer ${signToken(JWT_SECRET, actor)}` });

/** Requests as a given person (or anonymously), through `app.inject`. */
export function requests(app: FastifyInstance) {
  return {
    get: (url: string, actor?: Actor) => app.inject({ method: 'GET', url, headers: actor ? bearer(actor) : {} }),
    post: (url: string, actor?: Actor, payload?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, headers: { ...(actor ? bearer(actor) : {}), ...headers }, payload: payload as object }),
  };
}

/** Polls until check returns a value; the workflow answers asynchronously to starts and completions. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Starts the whole stack for the file's tests and closes it after them. */
export function useStack(): { readonly app: FastifyInstance; readonly stack: Stack } {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  const started = () => {
    if (!stack) throw new Error('the stack is not started yet');
    return stack;
  };
  return {
    get app() {
      return started().app;
    },
    get stack() {
      return started();
    },
  };
}

/** The deps of an app whose engine is unreachable: for what only reads the database, or must fail with 503. */
export function offlineDeps(database: Database, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    database,
    temporal: createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' }),
    taskQueue: 'unused',
    policy: buildPolicy(),
    jwtSecret: JWT_SECRET,
    engineTimeoutMs: 1_000,
    rateLimit: unlimited,
    ...overrides,
  };
}

/** The API on a fresh database with no engine behind it, for the file's tests. */
export function useOfflineApp(overrides: Partial<AppDeps> = {}): { readonly app: FastifyInstance; readonly database: Database } {
  let app: FastifyInstance | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(offlineDeps(database, overrides));
  });
  afterAll(async () => {
    await app?.close();
    await app?.temporal.connection.close();
    await database?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app is not started yet');
      return app;
    },
    get database() {
      if (!database) throw new Error('the app is not started yet');
      return database;
    },
  };
}
