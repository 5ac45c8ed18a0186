import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
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
        check(() => app.database.ping()),
        check(() => app.temporal.withDeadline(Date.now() + 3000, () => app.temporal.connection.workflowService.getSystemInfo({}))),
      ]);
      const ready = database === 'ok' && temporal === 'ok';
      if (!ready) void reply.code(503).header('retry-after', '5');
      return { status: ready ? 'ready' : 'not ready', checks: { database, temporal } };
    },
  );
};

export default routes;
