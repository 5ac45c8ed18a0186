import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { signToken } from '../auth/tokens';
import { fillForm, type JsonSchema } from './form-filler';
import type { Actor } from '../../workflows/order/types';

// npm run demo: drives one sample order through the whole process against a running
// service (npm start), completing every task the way any HTTP client could: from the
// task's outcomes and JSON Schema form alone.

const TIME_LIMIT_MS = 3 * 60_000;
const POLL_MS = 300;

class Unreachable extends Error {}

class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${step} failed with HTTP ${status}`);
  }
}

interface TaskSummary {
  id: string;
  department: string;
  kind: string;
  title: string;
}
interface TaskDetail extends TaskSummary {
  outcomes: string[];
  form: JsonSchema;
  requiredRole?: string | null;
}
interface HistoryEvent {
  at: string;
  type: string;
  summary: string;
}

// Set in main, so that a bad environment is reported like any other failure.
let secret = '';
let baseUrl = '';

const sales: Actor = { sub: 'demo.sales', name: 'Demo Sales', departments: ['sales'], roles: ['staff'] };
const auditor: Actor = { sub: 'demo.auditor', name: 'Demo Auditor', departments: ['audit'], roles: ['auditor'] };
const member = (department: string, role: 'staff' | 'head'): Actor => ({
  sub: `demo.${department}.${role}`,
  name: `Demo ${department} ${role}`,
  departments: [department],
  roles: [role],
});

const tokens = new Map<string, string>();
function tokenOf(actor: Actor): string {
  let t = tokens.get(actor.sub);
  if (!t) {
    t = signToken(secret, actor, 3600);
    tokens.set(actor.sub, t);
  }
  return t;
}

async function call<T>(
  step: string,
  method: 'GET' | 'POST',
  path: string,
  actor: Actor | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(actor ? { authorization: `Bearer ${tokenOf(actor)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new Unreachable(
      `cannot reach the API at ${baseUrl} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})`,
    );
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  if (!res.ok) throw new StepFailed(step, res.status, parsed);
  return parsed as T;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const enc = encodeURIComponent;

async function main(): Promise<void> {
  const config = loadConfig();
  secret = config.AUTH_JWT_SECRET;
  baseUrl = (process.env.API_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
  await call('health check', 'GET', '/healthz', undefined);

  const due = isoDate(new Date(Date.now() + 90 * 24 * 3600 * 1000));
  const created = await call<{ orderNo: string; status: string }>(
    'create order',
    'POST',
    '/orders',
    sales,
    {
      customer: { id: 'DEMO-001', name: 'Demo Customer' },
      items: [
        { sku: 'DEMO-VALVE', description: 'Ball valve', spec: 'DN50 PN16 stainless 304', quantity: 100, unit: 'pcs', unitPrice: 180 },
      ],
      currency: 'CNY',
      requestedDeliveryDate: due,
      deliveryAddress: 'No. 1 Demo Road, Hangzhou',
      paymentTerms: '30% deposit, 70% before shipment',
      kind: 'routine',
    },
    { 'idempotency-key': `demo-${randomUUID()}` },
  );
  const { orderNo } = created;
  console.log(`created order ${orderNo} (routine, delivery requested by ${due}) as ${sales.name}`);

  let status = '';
  let steps = 0;
  const deadline = Date.now() + TIME_LIMIT_MS;
  for (;;) {
    const order = await call<{ status: string }>('read order', 'GET', `/orders/${enc(orderNo)}`, auditor);
    if (order.status !== status) {
      status = order.status;
      console.log(`  order ${orderNo} is now ${status}`);
    }
    if (status === 'CLOSED') break;
    if (status === 'CANCELLED') throw new Error(`order ${orderNo} was cancelled`);
    if (Date.now() > deadline) {
      const open = await call<{ items: TaskSummary[] }>('list tasks', 'GET', `/tasks?orderNo=${enc(orderNo)}&limit=200`, auditor);
      throw new Error(
        `order ${orderNo} did not close within ${TIME_LIMIT_MS / 1000} s; it is ${status}, open tasks: ${open.items.map((t) => t.id).join(', ') || 'none'}`,
      );
    }

    const { items } = await call<{ items: TaskSummary[] }>('list tasks', 'GET', `/tasks?orderNo=${enc(orderNo)}&limit=200`, auditor);
    // Risk plans run beside the process and never block it; do them when nothing else is left.
    const mainLine = items.filter((t) => t.kind !== 'risk_plan');
    const todo = mainLine.length > 0 ? mainLine : items;
    if (todo.length === 0) {
      await sleep(POLL_MS);
      continue;
    }
    for (const summary of todo) {
      const task = await call<TaskDetail>(
        `read task ${summary.id}`,
        'GET',
        `/tasks/${enc(summary.id)}`,
        member(summary.department, 'staff'),
      );
      const actor = member(task.department, task.requiredRole === 'head' ? 'head' : 'staff');
      const outcome = task.outcomes[0];
      const data = fillForm(task.form ?? { type: 'object' }, isoDate(new Date()));
      try {
        await call(`complete task ${task.id}`, 'POST', `/tasks/${enc(task.id)}/complete`, actor, { outcome, data });
      } catch (err) {
        // Someone else finished it, or completing its late task cancelled this escalation.
        if (err instanceof StepFailed && err.status === 409) {
          console.log(`  skipped ${task.id}: no longer open`);
          continue;
        }
        throw err;
      }
      steps += 1;
      console.log(`  ${String(steps).padStart(2)}. ${task.department.padEnd(12)} ${task.title} → ${outcome}`);
    }
  }

  const reports = await call<{ items: unknown[] }>('list reports', 'GET', `/orders/${enc(orderNo)}/reports`, auditor);
  const history = await call<{ events: HistoryEvent[] }>('read history', 'GET', `/orders/${enc(orderNo)}/history`, auditor);
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
    } else if (err instanceof StepFailed) {
      console.error(`${err.message}:\n${typeof err.body === 'string' ? err.body : JSON.stringify(err.body, null, 2)}`);
    } else {
      console.error(err instanceof Error ? err.message : String(err));
    }
    process.exitCode = 1;
  },
);
