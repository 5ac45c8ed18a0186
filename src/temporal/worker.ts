import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { projectRoot, runsCompiled } from '../lib/project-root';
import { redactedActivityFailures } from './redact-interceptor';

export const workflowsPath = resolve(projectRoot, 'workflows/index.ts');
/** Written by `npm run build`: the workflows bundled once, so a compiled worker starts without webpack. */
export const prebuiltWorkflowBundle = resolve(projectRoot, 'dist/workflow-bundle.js');

/** The compiled worker loads the prebuilt bundle; the sources (npm start, tests) bundle workflows/ at start. */
function workflowCode(given?: WorkerOptions['workflowBundle']): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (given) return { workflowBundle: given };
  if (runsCompiled) {
    if (!existsSync(prebuiltWorkflowBundle)) throw new Error(`${prebuiltWorkflowBundle} is missing: run npm run build`);
    return { workflowBundle: { codePath: prebuiltWorkflowBundle } };
  }
  return { workflowsPath };
}

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
    activities: createActivities({ db: opts.db, mailer: opts.mailer, allowedWebhookHosts: opts.allowedWebhookHosts, policy: opts.policy }),
    interceptors: { activity: [redactedActivityFailures] },
    ...workflowCode(opts.workflowBundle),
    shutdownGraceTime: opts.shutdownGraceMs ?? 0,
  });
}

/** Connects and runs the order worker; the returned function stops it and closes its connection. */
export async function runOrderWorker(opts: Omit<OrderWorkerOptions, 'connection'> & { address: string }): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await createOrderWorker({ ...opts, connection });
  const running = worker.run();
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
  };
}
