import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { engineProbe } from '../engine';
import { RETRY_AFTER_SECONDS, rootCause } from '../errors';

// /healthz: the process lives. /readyz: it can serve, i.e. the database and the engine
// answer. The public answer holds facts only; why a check failed goes to the log.

/** How long each readiness check may take; a database or engine that hangs is down. */
const CHECK_TIMEOUT_MS = 2_000;

const state = z.enum(['up', 'down']);
const readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.object({ database: state, temporal: state }),
});

function within<T>(ms: number, probe: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['ops'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['ops'],
        summary: 'Whether the database and Temporal answer; 503 with Retry-After when either does not',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      const database = within(CHECK_TIMEOUT_MS, app.database.ping()).then(
        () => 'up' as const,
        (err: unknown) => {
          app.log.warn({ check: 'database', cause: rootCause(err) }, 'readiness: the database does not answer');
          return 'down' as const;
        },
      );
      const temporal = engineProbe(app.temporal, CHECK_TIMEOUT_MS).then((err) => {
        if (err === undefined) return 'up' as const;
        app.log.warn({ check: 'temporal', cause: rootCause(err) }, 'readiness: Temporal does not answer');
        return 'down' as const;
      });
      const checks = { database: await database, temporal: await temporal };
      const ready = checks.database === 'up' && checks.temporal === 'up';
      if (!ready) void reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
      return { status: ready ? ('ready' as const) : ('not ready' as const), checks };
    },
  );
};

export default routes;
