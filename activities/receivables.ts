import type { Db } from '../src/db/client';
import { orderReceivables } from '../src/db/schema';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { orderWorkflowId, paymentOverdue } from '../workflows/order/messages';
import { orderMilestone, receivablesWorkflowId } from '../workflows/receivables/messages';
import type { OrderMilestone, ReceivablesInput, ReceivablesView } from '../workflows/receivables/types';

// The projection of an order's receivables: one row, rewritten whole from the workflow.

async function recordReceivables(db: Db, v: ReceivablesView): Promise<void> {
  const row = {
    orderNo: v.orderNo,
    currency: v.currency,
    contractTotal: v.contractTotal,
    instalments: v.instalments as unknown as Record<string, unknown>[],
    invoices: v.invoices as unknown as Record<string, unknown>[],
    payments: v.payments as unknown as Record<string, unknown>[],
    invoicedTotal: v.invoicedTotal,
    paidTotal: v.paidTotal,
    // 1 settled, -1 ended with the order's cancellation, 0 open.
    settled: v.settled ? 1 : v.cancelled ? -1 : 0,
    updatedAt: new Date(),
  };
  const { orderNo: _key, ...changes } = row;
  await db.insert(orderReceivables).values(row).onConflictDoUpdate({ target: orderReceivables.orderNo, set: changes });
}

/**
 * Tells the order's receivables of a milestone. A signal sent again on a retry changes
 * nothing there; receivables that never started (orders signed before them) or ended are skipped.
 */
async function tellReceivables(temporal: Client | undefined, m: OrderMilestone & { orderNo: string }): Promise<void> {
  if (!temporal) return;
  try {
    await temporal.workflow.getHandle(receivablesWorkflowId(m.orderNo)).signal(orderMilestone, { event: m.event, at: m.at });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** Starts the order's receivables once; a retry, or a contract signed again, finds them running. */
async function startReceivables(temporal: Client | undefined, taskQueue: string | undefined, input: ReceivablesInput): Promise<void> {
  if (!temporal || !taskQueue) return;
  try {
    await temporal.workflow.start('receivablesWorkflow', { workflowId: receivablesWorkflowId(input.orderNo), taskQueue, args: [input] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Tells the order an instalment is past due, so that it re-rates its risk; an ended order is not told. */
async function tellOrderOfOverdue(temporal: Client | undefined, m: { orderNo: string; instalment: number; at: string }): Promise<void> {
  if (!temporal) return;
  try {
    await temporal.workflow.getHandle(orderWorkflowId(m.orderNo)).signal(paymentOverdue, { instalment: m.instalment, at: m.at });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

export const createReceivablesActivities = (db: Db, temporal?: Client, taskQueue?: string) => ({
  recordReceivables: (v: ReceivablesView) => recordReceivables(db, v),
  startReceivables: (input: ReceivablesInput) => startReceivables(temporal, taskQueue, input),
  tellReceivables: (m: OrderMilestone & { orderNo: string }) => tellReceivables(temporal, m),
  tellOrderOfOverdue: (m: { orderNo: string; instalment: number; at: string }) => tellOrderOfOverdue(temporal, m),
});
