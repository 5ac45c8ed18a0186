import { afterAll, beforeAll } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { devServerExecutable, testServerExecutable } from '../../src/temporal/binaries';
import { workflowsPath } from '../../src/temporal/worker';

/** A real Temporal dev server on loopback, on a free port. */
export function startDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable(), ip: '127.0.0.1' } });
}

/** The time-skipping test server: timers fire as soon as nothing else is running. */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  return bundle;
}

export interface WorkflowTestbed {
  env: TestWorkflowEnvironment;
  close(): Promise<void>;
}

/** A Temporal server (time-skipping or dev) with a worker running the real workflows on `taskQueue`. */
export async function startWorkflowTestbed(kind: 'time-skipping' | 'dev', taskQueue: string, activities: object): Promise<WorkflowTestbed> {
  const env = kind === 'dev' ? await startDevServer() : await startTimeSkippingServer();
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
  const running = worker.run();
  return {
    env,
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** Starts a test bed for the file's tests and closes it after them; read `env` inside tests. */
export function useWorkflowTestbed(
  kind: 'time-skipping' | 'dev',
  taskQueue: string,
  activities: object,
): { readonly env: TestWorkflowEnvironment } {
  let bed: WorkflowTestbed | undefined;
  beforeAll(async () => {
    bed = await startWorkflowTestbed(kind, taskQueue, activities);
  });
  afterAll(async () => {
    await bed?.close();
  });
  return {
    get env() {
      if (!bed) throw new Error('the test bed is not started yet');
      return bed.env;
    },
  };
}
