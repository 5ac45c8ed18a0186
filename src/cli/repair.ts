import { parseArgs } from 'node:util';
import { isNull } from 'drizzle-orm';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { projectionIncidents } from '../db/schema';
import { repairOrder } from '../orders/repair';
import { createTemporalClient } from '../temporal/client';

// npm run repair -- SO-20261125-0001 [SO-…]   rewrite these orders' rows from their workflows
// npm run repair -- --incidents               every order with an open projection incident
//
// Against DATABASE_URL and TEMPORAL_ADDRESS. The embedded database of `npm start` belongs to
// that process; with it, use the running service's POST /orders/:orderNo/repair instead.

const { values, positionals } = parseArgs({ allowPositionals: true, options: { incidents: { type: 'boolean', default: false } } });
const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL is not set: with the embedded database, call POST /orders/:orderNo/repair on the running service (admin).');
  process.exit(2);
}
const database = await openDatabase({ url: config.DATABASE_URL });
const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', namespace: config.TEMPORAL_NAMESPACE });
let failed = 0;
try {
  const open = values.incidents
    ? await database.db
        .selectDistinct({ orderNo: projectionIncidents.orderNo })
        .from(projectionIncidents)
        .where(isNull(projectionIncidents.repairedAt))
    : [];
  const orderNos = [...new Set([...positionals, ...open.map((o) => o.orderNo)])];
  if (orderNos.length === 0) console.log('nothing to repair');
  for (const orderNo of orderNos) {
    try {
      const report = await repairOrder({ db: database.db, temporal }, orderNo);
      console.log(
        `${orderNo}: ${report.differences.length} difference(s) fixed, ${report.tasksWritten} task row(s) written, ${report.incidentsClosed} incident(s) closed`,
      );
      for (const d of report.differences)
        console.log(`  ${d.what}: rows had ${JSON.stringify(d.rows)}, workflow has ${JSON.stringify(d.workflow)}`);
    } catch (err) {
      failed++;
      console.error(`${orderNo}: ${(err as Error).message}`);
    }
  }
} finally {
  await temporal.connection.close();
  await database.close();
}
process.exit(failed ? 1 : 0);
