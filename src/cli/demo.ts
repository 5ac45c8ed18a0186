import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import type { Actor } from '../../workflows/order/types';
import { ApiFailure, genericClient } from './api-client';
import { httpTransport, Unreachable } from './http-transport';

// npm run demo: drives one sample order through the whole process against a running
// service (npm start), completing every task the way any HTTP client could: from the
// task's outcomes and JSON Schema form alone.

const TIME_LIMIT_MS = 3 * 60_000;

const sales: Actor = { sub: 'demo.sales', name: 'Demo Sales', departments: ['sales'], roles: ['staff'] };
const auditor: Actor = { sub: 'demo.auditor', name: 'Demo Auditor', departments: ['audit'], roles: ['auditor'] };

async function main(): Promise<void> {
  const config = loadConfig();
  const baseUrl = (process.env.API_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
  const transport = httpTransport(baseUrl, config.AUTH_JWT_SECRET);
  const client = genericClient(transport, { reader: auditor, memberPrefix: 'demo.' });
  await client.get('/healthz');

  const due = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const order = {
    customer: { id: 'DEMO-001', name: 'Demo Customer' },
    items: [{ sku: 'DEMO-VALVE', description: 'Ball valve', spec: 'DN50 PN16 stainless 304', quantity: 100, unit: 'pcs', unitPrice: 180 }],
    currency: 'CNY',
    requestedDeliveryDate: due,
    deliveryAddress: 'No. 1 Demo Road, Hangzhou',
    paymentTerms: '30% deposit, 70% before shipment',
    kind: 'routine',
  };
  const created = await transport('POST', '/orders', sales, order, { 'idempotency-key': `demo-${randomUUID()}` });
  if (created.status !== 201) throw new ApiFailure('create order', created);
  const { orderNo } = created.body as { orderNo: string };
  console.log(`created order ${orderNo} (routine, delivery requested by ${due}) as ${sales.name}`);

  let steps = 0;
  const status = await client.advance(orderNo, (s) => s === 'CLOSED' || s === 'CANCELLED', {
    timeoutMs: TIME_LIMIT_MS,
    pollMs: 300,
    onStatus: (s) => console.log(`  order ${orderNo} is now ${s}`),
    onCompleted: (task, outcome) =>
      console.log(`  ${String(++steps).padStart(2)}. ${task.department.padEnd(12)} ${task.title} → ${outcome}`),
  });
  if (status === 'CANCELLED') throw new Error(`order ${orderNo} was cancelled`);

  const enc = encodeURIComponent(orderNo);
  const reports = await client.get<{ items: unknown[] }>(`/orders/${enc}/reports`);
  const history = await client.get<{ events: { at: string; type: string; summary: string }[] }>(`/orders/${enc}/history`);
  console.log(`\norder ${orderNo} CLOSED after ${steps} completed tasks`);
  console.log(`progress reports sent to the customer: ${reports.items.length}`);
  console.log(`last events of ${history.events.length} in the audit timeline:`);
  for (const e of history.events.slice(-8)) console.log(`  ${e.at}  ${e.type.padEnd(16)} ${e.summary}`);
  console.log(`\nhave a look (with an auditor token from \`npm run token\`):
  ${baseUrl}/orders/${orderNo}
  ${baseUrl}/orders/${orderNo}/history
  ${baseUrl}/orders/${orderNo}/reports
  ${baseUrl}/docs (OpenAPI, no token needed)
  http://127.0.0.1:8233 (Temporal Web UI when started with npm start; workflow order-${orderNo})`);
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    if (err instanceof Unreachable) {
      console.error(`${err.message}.\nStart the service first with \`npm start\` (or point API_URL at it).`);
    } else if (err instanceof ApiFailure) {
      const body = err.answer.body;
      console.error(`${err.message}:\n${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}`);
    } else {
      console.error(err instanceof Error ? err.message : String(err));
    }
    process.exitCode = 1;
  },
);
