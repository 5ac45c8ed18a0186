import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { createTemporalClient } from './client';
import { redactedActivityFailures } from './redact-interceptor';
import { workflowCode } from './workflow-code';

export { workflowsPath } from './workflow-code';

export interface OrderWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (tests share one); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** How long running activities may finish after shutdown is asked for; 0 cancels them at once. */
  shutdownGraceMs?: number;
}

export async function createOrderWorker(opts: OrderWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities({
      db: opts.db,
      mailer: opts.mailer,
      allowedWebhookHosts: opts.allowedWebhookHosts,
      policy: opts.policy,
      temporal: opts.temporal,
      taskQueue: opts.taskQueue,
    }),
    interceptors: { activity: [redactedActivityFailures] },
    ...workflowCode(opts.workflowBundle),
    shutdownGraceTime: opts.shutdownGraceMs ?? 0,
  });
}

/** Connects and runs the order worker; the returned function stops it and closes its connection. */
export async function runOrderWorker(opts: Omit<OrderWorkerOptions, 'connection'> & { address: string }): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: opts.address });
  // The activities' own client, to tell an order's receivables of its milestones.
  const temporal = createTemporalClient({ address: opts.address, namespace: opts.namespace });
  const worker = await createOrderWorker({ ...opts, connection, temporal });
  const running = worker.run();
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await temporal.connection.close();
    await connection.close();
  };
}
