import { patched } from '@temporalio/workflow';
import { localDate } from '../calendar';
import { calendar, endOfWorkingDay, now, policyOf, workingDaysFromNow } from './clock';
import { reject } from './guards';
import { Rejection } from './messages';
import { notifyCustomer, notifyDepartments } from './notify';
import { isOver, type OrderRun } from './run';
import { answerOf, findTask, ref, runTask } from './task-engine';
import { waitFor } from './waits';

// 003 §4.1: when the promised date passes before delivery, the responsible department
// writes the reason and a compensation plan, the sales head approves it, and the
// customer is told. A rejected plan goes back for another. The approved plan names a new
// delivery date, and the watch starts again against it.

export interface OverdueState {
  /** newDate: the delivery date the last approved compensation plan promised. */
  overdue: { stage: 'watch' | 'explain' | 'approve' | 'done'; round: number; newDate?: string };
}

export const initialOverdue = (): OverdueState => ({ overdue: { stage: 'watch', round: 1 } });

const explanationRef = (run: OrderRun, round: number) =>
  ref('overdue_explanation', round, policyOf(run).delivery.overdueResponsibleDepartment);
const approvalRef = (round: number) => ref('compensation_approval', round, 'sales', { requiredRole: 'head' });

/** The date promised to the customer: the order's, or the later one an approved plan gave. */
function promisedDate(run: OrderRun): string {
  const { requestedDeliveryDate } = run.s.order;
  const { newDate } = run.s.overdue;
  return newDate && newDate > requestedDeliveryDate ? newDate : requestedDeliveryDate;
}

/** The end of the promised delivery day, after which the overdue procedure starts. */
export function promisedBy(run: OrderRun): Date {
  return endOfWorkingDay(run, promisedDate(run));
}

/** The Update validator's rule for the plan: the new date cannot already have passed. */
export function checkNewDeliveryDate(run: OrderRun, newDeliveryDate: string): void {
  const today = localDate(calendar(run), now());
  if (newDeliveryDate < today) {
    reject(Rejection.InvalidCompletion, `newDeliveryDate ${newDeliveryDate} is in the past (today is ${today})`, [
      { path: 'data.newDeliveryDate', message: `must be ${today} or later` },
    ]);
  }
}

export async function overdueTrack(run: OrderRun): Promise<void> {
  const { s } = run;
  while (!isOver(s) && !s.delivered) {
    if (s.overdue.stage === 'watch' && !(await watch(run))) return;
    while ((s.overdue.stage === 'explain' || s.overdue.stage === 'approve') && !isOver(s)) {
      if (s.overdue.stage === 'explain' && !(await explain(run))) return;
      if (!(await approve(run))) return;
    }
    if (s.overdue.stage === 'done') return;
  }
}

/** Waits for the promised date; false when the order was delivered or ended first. */
async function watch(run: OrderRun): Promise<boolean> {
  const { s } = run;
  const settled = () => isOver(s) || s.delivered;
  // The promised date can move with a revision, so the deadline is re-read each time round.
  while (s.overdue.stage === 'watch') {
    const promised = promisedDate(run);
    const passed = !(await waitFor(run, () => settled() || promisedDate(run) !== promised, promisedBy(run)));
    if (settled()) return false;
    if (passed) s.overdue.stage = 'explain';
  }
  return true;
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
      title: `Order ${run.input.orderNo} missed its promised date ${promisedDate(run)}: reason and compensation plan`,
      context: { promisedDate: promisedDate(run), status: s.status, rejected },
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
  const missed = promisedDate(run);
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
  // Since 'overdue-new-date' the approved plan's date is watched in turn; before, the procedure ran once.
  if (patched('overdue-new-date') && explained?.newDeliveryDate) {
    s.overdue = { stage: 'watch', round: round + 1, newDate: explained.newDeliveryDate };
  } else {
    s.overdue.stage = 'done';
  }
  const responsible = policyOf(run).delivery.overdueResponsibleDepartment;
  await notifyCustomer(run, 'delivery_overdue', `r${round}`, `Order ${run.input.orderNo} is late: our reason and compensation`, {
    promisedDate: missed,
    reason: explained?.reason,
    compensationPlan: explained?.compensationPlan,
    newDeliveryDate: explained?.newDeliveryDate,
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
