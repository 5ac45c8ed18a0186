import { policyOf, workingDaysFromNow } from './clock';
import type { OrderRun } from './run';
import { answerOf, findTask, ref, runTask } from './task-engine';

// 002 §2.2.3: once the customer has accepted the order, customer service asks how satisfied
// they are (a score of 1 to 5 and their comment), within the policy's working days; a late
// check escalates like any other task. The score feeds the satisfaction KPIs, and sales
// sees it when writing the post-order summary.

const checkRef = ref('satisfaction_check', 1, 'customer_service');

/** Orders pinned under a policy from before the check had its own deadline use the delivery steps'. */
function checkWorkingDays(run: OrderRun): number {
  const { delivery } = policyOf(run);
  return delivery.satisfactionCheckWorkingDays ?? delivery.stepWorkingDays;
}

export async function satisfactionCheckStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      ...checkRef,
      title: `Ask the customer of order ${run.input.orderNo} how satisfied they are`,
      context: { customer: s.order.customer.name },
    },
    () => workingDaysFromNow(run, checkWorkingDays(run)),
  );
  if (t) s.stage = 'summary';
}

/** What the check found, for the summary; nothing for orders that had no check. */
export function satisfactionContext(run: OrderRun): Record<string, unknown> | undefined {
  const t = findTask(run, checkRef);
  if (!t) return undefined;
  const surveyed = answerOf(t, 'surveyed');
  return {
    satisfaction: surveyed ? { score: surveyed.score, comment: surveyed.comment } : { unreachable: answerOf(t, 'unreachable')?.reason },
  };
}
