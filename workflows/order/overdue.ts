import { runTask } from './deadlines';
import { notifyCustomer, notifyDepartments } from './notify';
import { isOver, now, policyOf, waitFor, workingDaysFrom, type OrderRun } from './state';
import { promisedBy } from './tracking';

// 003 §4.1: when the promised date passes before delivery, the responsible department
// writes the reason and a compensation plan, the sales head approves it, and the
// customer is told. A rejected plan goes back for another.

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
  const days = () => workingDaysFrom(run, now(), policyOf(run).delivery.stepWorkingDays);
  const responsible = policyOf(run).delivery.overdueResponsibleDepartment;
  while (s.overdue.stage !== 'done' && !isOver(s)) {
    const round = s.overdue.round;
    if (s.overdue.stage === 'explain') {
      const rejected = round > 1 ? s.tasks[`${run.input.orderNo}.compensation-approval.r${round - 1}.sales`]?.data : undefined;
      const t = await runTask(
        run,
        {
          kind: 'overdue_explanation',
          step: 'overdue-explanation',
          round,
          department: responsible,
          title: `Order ${run.input.orderNo} missed its promised date ${s.order.requestedDeliveryDate}: reason and compensation plan`,
          context: { promisedDate: s.order.requestedDeliveryDate, status: s.status, rejected },
        },
        days,
      );
      if (!t) return;
      s.overdue.stage = 'approve';
    }
    const plan = s.tasks[`${run.input.orderNo}.overdue-explanation.r${round}.${responsible}`];
    const approval = await runTask(
      run,
      {
        kind: 'compensation_approval',
        step: 'compensation-approval',
        round,
        department: 'sales',
        requiredRole: 'head',
        title: `Approve the compensation plan for overdue order ${run.input.orderNo}`,
        context: { explanation: plan?.data, by: plan?.completedBy },
      },
      days,
    );
    if (!approval) return;
    if (approval.outcome === 'approve') {
      s.overdue.stage = 'done';
      await notifyCustomer(run, 'delivery_overdue', `r${round}`, `Order ${run.input.orderNo} is late: our reason and compensation`, {
        promisedDate: s.order.requestedDeliveryDate,
        reason: plan?.data?.reason,
        compensationPlan: plan?.data?.compensationPlan,
      });
      await notifyDepartments(
        run,
        'delivery_overdue',
        `r${round}`,
        ['sales', responsible],
        `Compensation approved for overdue order ${run.input.orderNo}`,
        plan?.data ?? {},
      );
    } else {
      s.overdue.round += 1;
      s.overdue.stage = 'explain';
    }
  }
}
