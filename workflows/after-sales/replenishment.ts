import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { registerTaskActions } from '../tasks/actions';
import { ref, runTask } from '../tasks/engine';
import { subjectHost } from '../tasks/subject-host';
import { now, workingDaysAfter } from '../tasks/time';
import type { ReplenishmentInput } from './types';

// 003 §5.2.3: a spare part under its reorder level gives procurement one replenishment task;
// the receipt itself is recorded through POST /spare-parts/:sku/receipts.

export async function replenishmentWorkflow(input: ReplenishmentInput): Promise<void> {
  const p = input.policy.policy;
  const { workflowId } = workflowInfo();
  const done = { value: false };
  const host = subjectHost({
    key: workflowId,
    workflowId,
    policy: p,
    board: { tasks: {}, replacedBy: {} },
    isOver: () => done.value,
  });
  registerTaskActions(host);
  await runTask(
    host,
    {
      ...ref('spare_part_replenishment', 1, p.afterSales.replenishmentDepartment),
      title: `Replenish spare part ${input.sku} (${input.name}): ${input.onHand} on hand, reorder level ${input.reorderLevel}`,
      context: { ...input, policy: undefined },
    },
    () => workingDaysAfter(p, now(), p.afterSales.replenishmentWorkingDays),
  );
  done.value = true;
  await condition(allHandlersFinished);
}
