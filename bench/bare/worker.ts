import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import postgres from 'postgres';
import { reportMemoryOnSignal } from '../memory-report';
import { createBareActivities, createBareTables } from './activities';

// The bare twin's worker process: default worker options, like the service's.

// No shutdown signals: SIGUSR2 asks for the memory report, and SIGTERM ends the process.
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
await createBareTables(sql);
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: process.env.TASK_QUEUE ?? 'bare',
  workflowsPath: resolve(dirname(fileURLToPath(import.meta.url)), 'workflows.ts'),
  activities: createBareActivities(sql),
});
reportMemoryOnSignal();
console.log(JSON.stringify({ msg: 'worker running' }));
await worker.run();
