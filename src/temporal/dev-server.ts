import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Long from 'long';
import { devServerExecutable } from './binaries';

export const DEV_TEMPORAL_PORT = 7233;
export const DEV_TEMPORAL_UI_PORT = 8233;

/** `npm start` without TEMPORAL_ADDRESS: a Temporal dev server keeping its state under dataDir, with its Web UI. */
export async function startDevServer(opts: {
  dataDir: string;
  namespace: string;
  port?: number;
  uiPort?: number;
  /** How long closed workflows stay (the server's default is one day). */
  retentionDays?: number;
}): Promise<{ address: string; close(): Promise<void> }> {
  mkdirSync(opts.dataDir, { recursive: true });
  // A dev dependency, loaded only on this path.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      dbFilename: resolve(opts.dataDir, 'temporal.sqlite'),
      ip: '127.0.0.1',
      port: opts.port ?? DEV_TEMPORAL_PORT,
      ui: true,
      uiPort: opts.uiPort ?? DEV_TEMPORAL_UI_PORT,
      namespace: opts.namespace,
    },
  });
  if (opts.retentionDays) {
    await env.connection.workflowService.updateNamespace({
      namespace: opts.namespace,
      config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(opts.retentionDays * 24 * 3600) } },
    });
  }
  return { address: env.address, close: () => env.teardown() };
}
