import { eq } from 'drizzle-orm';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders } from '../db/schema';
import { cancelOrder, orderWorkflowType, type CancelOrderRequest } from '../../workflows/order/messages';
import type { OrderView } from '../../workflows/order/types';
import { ApiError } from './errors';
import type { OrderRow } from './intake';

// Cancelling an order is an Update on its workflow. An order whose workflow never started
// (stored while the engine was away) is started and cancelled in one step, with
// update-with-start: the engine starts the workflow from the stored input unless it already
// runs, and delivers the cancellation with its first task. Whatever starts it first, the
// orphan sweep, a retried intake or this, there is one workflow and it ends CANCELLED; the
// rows are written by the workflow as for any cancellation.

export interface CancelDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

export async function cancelOrderProcess(
  deps: CancelDeps,
  row: OrderRow,
  request: CancelOrderRequest,
  updateId: string,
): Promise<OrderView> {
  if (row.workflowStarted) {
    return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(cancelOrder, { args: [request], updateId });
  }
  const start = new WithStartWorkflowOperation(orderWorkflowType, {
    workflowId: row.workflowId,
    taskQueue: deps.taskQueue,
    args: [row.startInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const view = await deps.temporal.workflow.executeUpdateWithStart(cancelOrder, {
      args: [request],
      updateId,
      startWorkflowOperation: start,
    });
    await deps.db.update(orders).set({ workflowStarted: true }).where(eq(orders.orderNo, row.orderNo));
    return view;
  } catch (err) {
    // Its workflow ran and ended after this row was read: the order is no longer active.
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new ApiError(409, 'ORDER_NOT_ACTIVE', `order ${row.orderNo} is finished and can no longer be cancelled`);
    throw err;
  }
}
