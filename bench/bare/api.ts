import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import postgres from 'postgres';
import { createBareTables } from './activities';
import { bareOrder, completeStep, type BareShape } from './workflows';

// The bare twin's HTTP API: plain node:http, no framework, no validation, no access rules.
// It answers the few requests a generic client makes (create, order status, open tasks,
// one task, complete) so that both sides are driven by the same client.

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
await createBareTables(sql);
const client = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
const shape = JSON.parse(process.env.BARE_SHAPE!) as BareShape;
const taskQueue = process.env.TASK_QUEUE ?? 'bare';
let counter = 0;

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const task = (id: string, orderNo: string) => ({
  id,
  orderNo,
  department: 'bare',
  kind: 'step',
  title: id,
  priority: 'normal',
  dueAt: new Date().toISOString(),
  markers: [],
  outcomes: ['done'],
  form: { type: 'object', properties: {} },
  requiredRole: null,
});

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bare');
  const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.method === 'POST' && url.pathname === '/orders') {
    const orderNo = `B-${process.pid}-${++counter}`;
    await sql`insert into bare_orders (order_no, status) values (${orderNo}, 'RECEIVED')`;
    await client.workflow.start(bareOrder, { workflowId: `bare-${orderNo}`, taskQueue, args: [{ orderNo, shape }] });
    return send(res, 201, { orderNo, status: 'RECEIVED' });
  }
  if (req.method === 'GET' && path[0] === 'orders' && path.length === 2) {
    const [row] = await sql`select step from bare_orders where order_no = ${path[1]}`;
    return row ? send(res, 200, { orderNo: path[1], status: row.step === 'closed' ? 'CLOSED' : 'OPEN' }) : send(res, 404, {});
  }
  if (req.method === 'GET' && url.pathname === '/tasks') {
    const orderNo = url.searchParams.get('orderNo');
    const rows = orderNo
      ? await sql`select id, order_no from bare_tasks where order_no = ${orderNo} and status = 'OPEN' order by id`
      : await sql`select id, order_no from bare_tasks where status = 'OPEN' order by id limit 200`;
    return send(res, 200, { items: rows.map((r) => task(r.id, r.order_no)), nextCursor: null });
  }
  if (req.method === 'GET' && path[0] === 'tasks' && path.length === 2) {
    const [row] = await sql`select id, order_no from bare_tasks where id = ${path[1]}`;
    return row ? send(res, 200, task(row.id, row.order_no)) : send(res, 404, {});
  }
  if (req.method === 'POST' && path[0] === 'tasks' && path[2] === 'complete') {
    const [row] = await sql`select order_no from bare_tasks where id = ${path[1]}`;
    if (!row) return send(res, 404, {});
    req.resume();
    try {
      const done = await client.workflow.getHandle(`bare-${row.order_no}`).executeUpdate(completeStep, { args: [{ taskId: path[1] }] });
      return send(res, 200, done);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) return send(res, 409, { error: { code: 'TASK_NOT_OPEN', message: String(err.cause) } });
      throw err;
    }
  }
  return send(res, 404, {});
}

const server = createServer((req, res) => {
  route(req, res).catch((err: Error) => send(res, 500, { error: { code: 'INTERNAL', message: err.message } }));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(JSON.stringify({ msg: 'api listening' })));
