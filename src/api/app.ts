import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client';
import type { PolicySnapshot } from '../../workflows/policy';
import { registerErrorHandler } from './errors';
import auth from './plugins/auth';
import metrics from './plugins/metrics';
import web from './plugins/web';
import calendarRoutes from './routes/calendar';
import healthRoutes from './routes/health';
import orderRoutes from './routes/orders';
import reportRoutes from './routes/reports';
import riskRoutes from './routes/risks';
import executionRoutes from './routes/execution';
import changeRequestRoutes from './routes/change-requests';
import changeRoutes from './routes/changes';
import taskRoutes from './routes/tasks';
import repairRoutes from './routes/repair';

export interface AppDeps {
  database: Database;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  jwtSecret: string;
  /** How long one call to the engine may take before the API answers 503. */
  engineTimeoutMs: number;
}

export async function buildApp(deps: AppDeps, loggerInstance?: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = Fastify(loggerInstance ? { loggerInstance } : { logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Order management BPM API',
        version: '0.1.0',
        description: 'Customer orders as durable workflows; department inboxes; audit.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  await app.register(metrics);
  await app.register(auth, { secret: deps.jwtSecret });
  await app.register(healthRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(orderRoutes, deps);
  await app.register(taskRoutes, deps);
  await app.register(reportRoutes, deps);
  await app.register(riskRoutes, deps);
  await app.register(executionRoutes, deps);
  await app.register(changeRequestRoutes, deps);
  await app.register(changeRoutes, deps);
  await app.register(repairRoutes, deps);
  await app.register(web, { jwtSecret: deps.jwtSecret });
  return app;
}
