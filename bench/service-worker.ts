import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openDatabase } from '../src/db/client';
import { runOrderWorker } from '../src/temporal/worker';
import { reportMemoryOnSignal } from './memory-report';

// The service's worker as `src/main.ts worker` runs it (same factory, same options), plus
// the memory report the benchmark reads.

// No shutdown signals: SIGUSR2 asks for the memory report, and SIGTERM ends the process.
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const database = await openDatabase({ url: process.env.DATABASE_URL! });
await database.migrate();
await runOrderWorker({
  address: process.env.TEMPORAL_ADDRESS!,
  namespace: 'default',
  taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'orders',
  db: database.db,
});
reportMemoryOnSignal();
// A normal exit on SIGTERM, so a CPU profile (BENCH_PROFILE) is written.
process.once('SIGTERM', () => process.exit(0));
console.log(JSON.stringify({ msg: 'worker running' }));
