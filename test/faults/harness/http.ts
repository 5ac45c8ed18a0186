import { member, type TaskDetail, type Transport } from '../../../src/cli/api-client';
import { httpTransport, Unreachable } from '../../../src/cli/http-transport';
import { fillForm } from '../../../src/cli/form-filler';
import type { Actor } from '../../../workflows/order/types';
import { JWT_SECRET } from './service';

// Real HTTP to the API process, as any client would send it.

export interface Answer {
  status: number;
  retryAfter: string | null;
  body: any;
}

export const sales: Actor = { sub: 'ft.sales', name: 'Fault Sales', departments: ['sales'], roles: ['staff'] };
export const auditor: Actor = { sub: 'ft.auditor', name: 'Fault Auditor', departments: ['audit'], roles: ['auditor'] };

const transports = new Map<string, Transport>();

/** One request; an API that is down (killed on purpose) gives status 0 and no answer at all. */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  actor?: Actor,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const send = transports.get(baseUrl) ?? transports.set(baseUrl, httpTransport(baseUrl, JWT_SECRET, { timeoutMs: 60_000 })).get(baseUrl)!;
  try {
    const a = await send(method, path, actor, body, headers);
    return { status: a.status, retryAfter: a.retryAfter === undefined ? null : String(a.retryAfter), body: a.body };
  } catch (err) {
    if (err instanceof Unreachable) return { status: 0, retryAfter: null, body: undefined };
    throw err;
  }
}

/** A routine order due far enough out that no urgency rule applies. */
export function routineOrder(customer = 'FAULT-1') {
  const due = new Date(Date.now() + 150 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return {
    customer: { id: customer, name: 'Fault Test Customer' },
    items: [{ sku: 'VB-200', description: 'Ball valve', spec: 'DN50 PN16 stainless 304', quantity: 400, unit: 'pcs', unitPrice: 182.5 }],
    currency: 'CNY',
    requestedDeliveryDate: due,
    deliveryAddress: 'No. 8 Binjiang Road, Hangzhou',
    paymentTerms: '30% deposit, 70% before shipment',
    kind: 'routine',
  };
}

export async function createOrder(baseUrl: string, key: string, customer?: string): Promise<Answer> {
  return call(baseUrl, 'POST', '/orders', sales, routineOrder(customer), { 'idempotency-key': key });
}

/** The open tasks of one order, or of every order. */
export async function openTasks(baseUrl: string, orderNo?: string): Promise<{ id: string; orderNo: string; kind: string }[]> {
  const a = await call(baseUrl, 'GET', `/tasks?limit=200${orderNo ? `&orderNo=${encodeURIComponent(orderNo)}` : ''}`, auditor);
  if (a.status !== 200) return [];
  return a.body.items;
}

/**
 * Completes a task as its department would, from its outcomes and form alone. The
 * Idempotency-Key is the task's own id, so a retry after a 503 or a crash learns the first
 * result instead of applying a second completion.
 */
export async function completeTask(baseUrl: string, taskId: string): Promise<Answer> {
  const path = `/tasks/${encodeURIComponent(taskId)}`;
  const got = await call(baseUrl, 'GET', path, auditor);
  if (got.status !== 200) return got;
  const task = got.body as TaskDetail;
  const actor = member(task.department, task.requiredRole === 'head' ? 'head' : 'staff', 'ft.');
  const data = fillForm(task.form, new Date().toISOString().slice(0, 10));
  return call(baseUrl, 'POST', `${path}/complete`, actor, { outcome: task.outcomes[0], data }, { 'idempotency-key': `ft-${taskId}` });
}
