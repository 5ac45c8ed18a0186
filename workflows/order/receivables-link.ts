import { patched } from '@temporalio/workflow';
import type { InstalmentTerm, OrderMilestone } from '../receivables/types';
import { now, policyOf } from './clock';
import { acts } from './projection';
import type { OrderRun } from './run';

// Since 'receivables' a signed contract starts the order's receivables (002 §2.4), which
// hear of the delivery and the acceptance from here. Orders signed before have none.

export interface ReceivablesLinkState {
  /** The receivables workflow runs for this order. */
  receivables?: boolean;
}

export async function startReceivables(run: OrderRun, contractNo: string | undefined, terms: InstalmentTerm[] | undefined): Promise<void> {
  if (!patched('receivables')) return;
  const { s } = run;
  const contractTotal = Math.round(s.order.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) * 100) / 100;
  // Started by an activity, not as a child: the receivables outlive the order and its runs.
  await acts.startReceivables({
    orderNo: run.input.orderNo,
    contractNo,
    currency: s.order.currency,
    contractTotal,
    terms: terms ?? policyOf(run).finance.defaultInstalments,
    signedAt: now().toISOString(),
    policy: run.input.policy,
  });
  s.receivables = true;
}

export async function tellReceivables(run: OrderRun, event: OrderMilestone['event']): Promise<void> {
  if (!run.s.receivables) return;
  await acts.tellReceivables({ orderNo: run.input.orderNo, event, at: now().toISOString() });
}
