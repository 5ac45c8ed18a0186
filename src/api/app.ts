import type { WorkerOptions } from '@temporalio/worker';
import { createReplayer, type Replayer } from '../audit/replay';
import { workflowBundleForReplay } from '../temporal/workflow-code';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Client } from '@temporalio/client';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client';
import type { PolicySnapshot } from '../../workflows/policy';
import { registerErrorHandler } from './errors';
import { clientErrorHandler, frameworkErrors } from './http/protocol-errors';
import auth from './plugins/auth';
import database from './plugins/database';
import docs from './plugins/docs';
import inputGuard from './plugins/input-guard';
import metrics from './plugins/metrics';
import rateLimits, { type RateLimitOptions } from './plugins/rate-limit';
import temporal from './plugins/temporal';
import web from './plugins/web';
import healthRoutes from './routes/health';
import routes from './routes';

declare module 'fastify' {
  interface FastifyInstance {
    /** The policy new orders are received under. */
    policy: PolicySnapshot;
    /** Replays of order histories against the current workflow code, in a bounded pool. */
    replayer: Replayer;
  }
}

export interface AppDeps {
  /** A database the caller opened and closes (one process may share it with a worker), or where to open one. */
  database: Database | { url?: string; dataDir?: string };
  /** A client the caller opened and closes, or where to connect. */
  temporal: Client | { address: string; namespace: string };
  taskQueue: string;
  policy: PolicySnapshot;
  jwtSecret: string;
  /** An identity provider's keys (AUTH_JWKS_URL) and the issuer and audience its tokens must name. */
  jwks?: { url: string; issuer: string; audience: string };
  /** How far iat and nbf may lie in the future; default 60 s. */
  clockSkewSeconds?: number;
  /** How long one call to the engine may take before the API answers 503. */
  engineTimeoutMs: number;
  /** Requests per window, per client address and per token holder; default 1200 and 600 a minute. */
  rateLimit?: RateLimitOptions;
  /** Auditors' replays: how many at once, how many waiting, and the workflow code (default: what the worker runs). */
  replay?: { concurrency: number; queueLimit: number; bundle?: () => Promise<NonNullable<WorkerOptions['workflowBundle']>> };
}

/**
 * The API in three layers, as fastify/demo loads it: infrastructure (error shape, docs,
 * metrics, database, engine, authentication), then the routes of each resource.
 */
export async function buildApp(deps: AppDeps, loggerInstance?: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    // Task ids are the longest path parameters.
    routerOptions: { maxParamLength: 300 },
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
    // On shutdown: refuse new requests with 503, finish those in flight, drop idle keep-alives.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // The address limit first: it counts every request, however bad.
  await app.register(rateLimits, deps.rateLimit ?? { perIp: 1200, perToken: 600, windowMs: 60_000 });
  await app.register(inputGuard);
  await app.register(docs);
  await app.register(metrics);
  await app.register(database, 'db' in deps.database ? { database: deps.database } : deps.database);
  const engine = { taskQueue: deps.taskQueue, engineTimeoutMs: deps.engineTimeoutMs };
  await app.register(temporal, deps.temporal instanceof Client ? { client: deps.temporal, ...engine } : { ...deps.temporal, ...engine });
  app.decorate('policy', deps.policy);
  const replay = deps.replay ?? { concurrency: 1, queueLimit: 8 };
  app.decorate('replayer', createReplayer({ ...replay, bundle: replay.bundle ?? workflowBundleForReplay }));
  await app.register(auth, {
    secret: deps.jwtSecret,
    jwks: deps.jwks,
    clockSkewSeconds: deps.clockSkewSeconds ?? 60,
    departments: deps.policy.policy.departments,
  });
  await app.register(healthRoutes);
  await app.register(routes);
  await app.register(web, { jwtSecret: deps.jwtSecret });
  return app;
}
