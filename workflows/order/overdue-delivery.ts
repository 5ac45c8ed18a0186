import { endOfWorkingDay, policyOf, workingDaysFromNow } from './clock';
import { notifyCustomer, notifyDepartments } from './notify';
import { isOver, type OrderRun } from './run';
import { answerOf, findTask, ref, runTask } from './task-engine';
import { waitFor } from './waits';

// 003 §4.1: when the promised date passes before delivery, the responsible department
// writes the reason and a compensation plan, the sales head approves it, and the
// customer is told. A rejected plan goes back for another.

export interface OverdueState {
  overdue: { stage: 'watch' | 'explain' | 'approve' | 'done'; round: number };
}

export const initialOverdue = (): OverdueState => ({ overdue: { stage: 'watch', round: 1 } });

const explanationRef = (run: OrderRun, round: number) =>
  ref('overdue_explanation', round, policyOf(run).delivery.overdueResponsibleDepartment);
const approvalRef = (round: number) => ref('compensation_approval', round, 'sales', { requiredRole: 'head' });

/** The end of the promised delivery day, after which the overdue procedure starts. */
export function promisedBy(run: OrderRun): Date {
  return endOfWorkingDay(run, run.s.order.requestedDeliveryDate);
}

export async function overdueTrack(run: OrderRun): Promise<void> {
  const { s } = run;
  const settled = () => isOver(s) || s.delivered;
  // The promised date can move with a revision, so the deadline is re-read each time round.
  while (s.overdue.stage === 'watch') {
    const promised = s.order.requestedDeliveryDate;
    const passed = !(await waitFor(run, () => settled() || s.order.requestedDeliveryDate !== promised, promisedBy(run)));
    if (settled()) return;
    if (passed) s.overdue.stage = 'explain';
  }
  while (s.overdue.stage !== 'done' && !isOver(s)) {
    if (s.overdue.stage === 'explain' && !(await explain(run))) return;
    if (!(await approve(run))) return;
  }
}

/** The responsible department's reason and compensation plan; false when the order ended meanwhile. */
async function explain(run: OrderRun): Promise<boolean> {
  const { s } = run;
  const round = s.overdue.round;
  const rejected = round > 1 ? findTask(run, approvalRef(round - 1))?.data : undefined;
  const t = await runTask(
    run,
    {
      ...explanationRef(run, round),
      title: `Order ${run.input.orderNo} missed its promised date ${s.order.requestedDeliveryDate}: reason and compensation plan`,
      context: { promisedDate: s.order.requestedDeliveryDate, status: s.status, rejected },
    },
    () => workingDaysFromNow(run, policyOf(run).delivery.stepWorkingDays),
  );
  if (!t) return false;
  s.overdue.stage = 'approve';
  return true;
}

/** The sales head approves the plan (the customer is told) or asks for another. */
async function approve(run: OrderRun): Promise<boolean> {
  const { s } = run;
  const round = s.overdue.round;
  const plan = findTask(run, explanationRef(run, round));
  const explained = answerOf(plan, 'explained');
  const approval = await runTask(
    run,
    {
      ...approvalRef(round),
      title: `Approve the compensation plan for overdue order ${run.input.orderNo}`,
      context: { explanation: plan?.data, by: plan?.completedBy },
    },
    () => workingDaysFromNow(run, policyOf(run).delivery.stepWorkingDays),
  );
  if (!approval) return false;
  if (approval.outcome !== 'approve') {
    s.overdue.round += 1;
    s.overdue.stage = 'explain';
    return true;
  }
  s.overdue.stage = 'done';
  const responsible = policyOf(run).delivery.overdueResponsibleDepartment;
  await notifyCustomer(run, 'delivery_overdue', `r${round}`, `Order ${run.input.orderNo} is late: our reason and compensation`, {
    promisedDate: s.order.requestedDeliveryDate,
    reason: explained?.reason,
    compensationPlan: explained?.compensationPlan,
  });
  await notifyDepartments(
    run,
    'delivery_overdue',
    `r${round}`,
    ['sales', responsible],
    `Compensation approved for overdue order ${run.input.orderNo}`,
    plan?.data ?? {},
  );
  return true;
}
