import type { FastifyInstance } from 'fastify';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { buildApp } from '../../../src/api/app';
import { DEV_JWT_SECRET } from '../../../src/config';
import { buildPolicy } from '../../../src/policy/load';
import { createTestDatabase } from '../../helpers/db';
import { startDevServer, workflowBundle } from '../../helpers/temporal';

export interface WebStack {
  app: FastifyInstance;
  /** Where the page and the API listen, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * The service as `npm start` runs it, for a browser: a real Temporal dev server, a worker,
 * a database, and the API with the built page on a loopback port, signed with the dev
 * secret so that the sign-in picker offers the dev cast.
 */
export async function startWebStack(): Promise<WebStack> {
  const [env, database, bundle] = await Promise.all([startDevServer(), createTestDatabase(), workflowBundle()]);
  const taskQueue = `web-${Math.random().toString(36).slice(2, 8)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db: database.db }),
  });
  const running = worker.run();
  const app = await buildApp({
    database,
    temporal: env.client,
    taskQueue,
    policy: buildPolicy(),
    jwtSecret: DEV_JWT_SECRET,
    engineTimeoutMs: 15_000,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    async close() {
      await app.close();
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}
