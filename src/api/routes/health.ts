import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app';

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['ops'], summary: 'The process is alive' } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['ops'], summary: 'Temporal and the database answer' } },
    async (_request, reply) => {
      const check = async (probe: () => Promise<unknown>): Promise<string> => {
        try {
          await probe();
          return 'ok';
        } catch (err) {
          return `unavailable: ${(err as Error).message.split('\n')[0]}`;
        }
      };
      const [database, temporal] = await Promise.all([
        check(() => deps.database.ping()),
        check(() => deps.temporal.withDeadline(Date.now() + 3000, () => deps.temporal.connection.workflowService.getSystemInfo({}))),
      ]);
      const ready = database === 'ok' && temporal === 'ok';
      if (!ready) void reply.code(503).header('retry-after', '5');
      return { status: ready ? 'ready' : 'not ready', checks: { database, temporal } };
    },
  );
};

export default routes;
