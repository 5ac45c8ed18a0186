import { condition, setHandler } from '@temporalio/workflow';
import { now } from './clock';
import { reject, storable } from './guards';
import { cancelOrder, Rejection, type CancelOrderRequest } from './messages';
import { actorRef, type OrderRun } from './run';
import type { OrderView } from './types';
import { view } from './view';

// Cancellation at any stage before delivery: the process unwinds at its next wait, cancels
// the open tasks and ends CANCELLED; the caller hears back once it has.

export function registerCancellation(run: OrderRun): void {
  setHandler(cancelOrder, (request) => cancel(run, request), {
    validator: storable((_request: CancelOrderRequest) => checkCancellable(run)),
  });
}

async function cancel(run: OrderRun, { reason, actor }: CancelOrderRequest): Promise<OrderView> {
  run.s.cancel = { by: actorRef(actor), reason, at: now().toISOString() };
  await condition(() => run.s.finished);
  return view(run);
}

function checkCancellable(run: OrderRun): void {
  const { s } = run;
  if (s.cancel || s.finished || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(s.status)) {
    reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${s.status} and can no longer be cancelled`);
  }
}
