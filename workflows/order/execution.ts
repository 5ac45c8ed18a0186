import { runStep, runTask } from './deadlines';
import { notifyDepartments } from './notify';
import { acts, endOfWorkingDay, loopOf, nextLoop, now, policyOf, setStatus, workingDaysFrom, type OrderRun } from './state';
import type { ProductionPlan } from './types';

// 000 §4 and 003 §3.2–3.4: design for new products, the production plan, materials
// (purchase → incoming inspection → receipt, with a remedy loop), then production by
// milestones.

const stepDays = (run: OrderRun) => () => workingDaysFrom(run, now(), policyOf(run).execution.stepWorkingDays);

export async function designStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'PLANNING');
  const t = await runTask(
    run,
    {
      kind: 'design',
      step: 'design',
      round: 1,
      department: 'rnd',
      title: `Design the product of complex order ${run.input.orderNo}`,
      context: { items: s.order.items, qualityRequirements: s.order.qualityRequirements },
    },
    () => workingDaysFrom(run, now(), policyOf(run).execution.designWorkingDays),
  );
  if (t) s.stage = 'design_review';
}

export async function designReviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'design');
  const design = s.tasks[`${run.input.orderNo}.design.r1.rnd`]?.data;
  const change = round > 1 ? s.tasks[`${run.input.orderNo}.design-change.r${round - 1}.rnd`]?.data : undefined;
  const answers = await runStep(
    run,
    policyOf(run).execution.designReviewDepartments.map((department) => ({
      kind: 'design_review' as const,
      step: 'design-review',
      round,
      department,
      title: `Design review (round ${round}) for order ${run.input.orderNo}`,
      context: { design, change },
    })),
    stepDays(run),
  );
  if (!answers) return;
  s.stage = answers.some((t) => t.outcome === 'reject') ? 'design_change' : 'plan';
}

/** A design change is controlled: rnd states what changes and its impact, then it is reviewed again. */
export async function designChangeStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'design');
  const objections = Object.values(s.tasks)
    .filter((t) => t.kind === 'design_review' && t.round === round && t.outcome === 'reject')
    .map((t) => ({ department: t.department, reasons: t.data?.reasons, suggestions: t.data?.suggestions }));
  const t = await runTask(
    run,
    {
      kind: 'design_change',
      step: 'design-change',
      round,
      department: 'rnd',
      title: `Change the design of order ${run.input.orderNo} after review round ${round}`,
      context: { objections },
    },
    stepDays(run),
  );
  if (!t) return;
  nextLoop(s, 'design');
  s.stage = 'design_review';
}

export async function planStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'PLANNING');
  const t = await runTask(
    run,
    {
      kind: 'production_plan',
      step: 'production-plan',
      round: 1,
      department: 'production',
      title: `Production plan for order ${run.input.orderNo}: batches, quantities, milestones`,
      context: { items: s.order.items, requestedDeliveryDate: s.order.requestedDeliveryDate },
    },
    stepDays(run),
  );
  if (!t) return;
  s.plan = t.data as unknown as ProductionPlan;
  s.stage = 'material_purchase';
  await acts.recordProductionPlan({
    orderNo: run.input.orderNo,
    revision: 1,
    plan: s.plan,
    by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
    at: now().toISOString(),
  });
  await notifyDepartments(
    run,
    'production_plan',
    'r1',
    policyOf(run).execution.planSharedWith,
    `Production plan for order ${run.input.orderNo}`,
    { plan: s.plan },
  );
}

export async function materialPurchaseStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'PROCURING');
  const t = await runTask(
    run,
    {
      kind: 'material_purchase',
      step: 'material-purchase',
      round: 1,
      department: 'procurement',
      title: `Plan and purchase the materials for order ${run.input.orderNo}`,
      context: { plan: s.plan, urgent: run.input.classification.urgent },
    },
    stepDays(run),
  );
  if (t) s.stage = 'incoming_inspection';
}

export async function incomingInspectionStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'materials');
  const t = await runTask(
    run,
    {
      kind: 'incoming_inspection',
      step: 'incoming-inspection',
      round,
      department: 'quality',
      title: `Inspect incoming material for order ${run.input.orderNo}${round > 1 ? ` (re-inspection ${round - 1})` : ''}`,
      context: { purchase: s.tasks[`${run.input.orderNo}.material-purchase.r1.procurement`]?.data },
    },
    stepDays(run),
  );
  if (!t) return;
  s.quality.push({ check: `incoming inspection ${round}`, result: t.outcome ?? '', at: t.completedAt ?? now().toISOString() });
  s.stage = t.outcome === 'pass' ? 'material_receipt' : 'material_remedy';
}

export async function materialRemedyStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'materials');
  const failed = s.tasks[`${run.input.orderNo}.incoming-inspection.r${round}.quality`];
  const t = await runTask(
    run,
    {
      kind: 'material_remedy',
      step: 'material-remedy',
      round,
      department: 'procurement',
      title: `Incoming material failed inspection for order ${run.input.orderNo}: return, replace or re-supply`,
      context: { defects: failed?.data?.defects },
    },
    stepDays(run),
  );
  if (!t) return;
  nextLoop(s, 'materials');
  s.stage = 'incoming_inspection';
}

export async function materialReceiptStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      kind: 'material_receipt',
      step: 'material-receipt',
      round: 1,
      department: 'warehouse',
      title: `Receive the inspected material for order ${run.input.orderNo}`,
    },
    stepDays(run),
  );
  if (t) s.stage = 'production';
}

/** One milestone at a time, each due at the end of its planned day. */
export async function productionStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'IN_PRODUCTION');
  const milestones = s.plan?.milestones ?? [];
  const next = milestones.findIndex((m) => !s.milestonesDone[m.name]);
  if (next < 0) {
    s.stage = 'final_inspection';
    return;
  }
  const m = milestones[next];
  const t = await runTask(
    run,
    {
      kind: 'milestone',
      step: `milestone-${next + 1}`,
      round: 1,
      department: 'production',
      title: `Milestone ${next + 1}/${milestones.length} of order ${run.input.orderNo}: ${m.name} (planned ${m.plannedDate})`,
      context: { milestone: m },
    },
    () => {
      const planned = endOfWorkingDay(run, m.plannedDate);
      return planned.getTime() > now().getTime() ? planned : workingDaysFrom(run, now(), 0);
    },
  );
  if (!t) return;
  s.milestonesDone[m.name] = String(t.data?.completedOn ?? t.completedAt?.slice(0, 10));
}
