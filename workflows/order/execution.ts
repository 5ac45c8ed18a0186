import { endOfWorkingDay, now, policyOf, workingDaysFromNow } from './clock';
import { tellBeside } from './beside';
import { notifyDepartments } from './notify';
import { acts, setStatus } from './projection';
import { isUrgent, loopOf, nextLoop, type OrderRun } from './run';
import { answerOf, findTask, ref, runStep, runTask } from './task-engine';
import type { ProductionPlan } from './types';

// 000 §4 and 003 §3.2–3.4: design for new products, the production plan, materials
// (purchase → incoming inspection → receipt, with a remedy loop), then production by
// milestones.

export interface ExecutionState {
  plan?: ProductionPlan;
  /** The plan's revision number once a change revised it (1 until then). */
  planRevision?: number;
  milestonesDone: Record<string, string>;
  /** Inspection results, for the customer's progress reports. */
  quality: { check: string; result: string; at: string }[];
}

export const initialExecution = (): ExecutionState => ({ milestonesDone: {}, quality: [] });

const stepDays = (run: OrderRun) => () => workingDaysFromNow(run, policyOf(run).execution.stepWorkingDays);

const designRef = ref('design', 1, 'rnd');
const designChangeRef = (round: number) => ref('design_change', round, 'rnd');
const purchaseRef = ref('material_purchase', 1, 'procurement');
const incomingInspectionRef = (round: number) => ref('incoming_inspection', round, 'quality');

export async function designStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'PLANNING');
  const t = await runTask(
    run,
    {
      ...designRef,
      title: `Design the product of complex order ${run.input.orderNo}`,
      context: { items: s.order.items, qualityRequirements: s.order.qualityRequirements },
    },
    () => workingDaysFromNow(run, policyOf(run).execution.designWorkingDays),
  );
  if (t) s.stage = 'design_review';
}

export async function designReviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'design');
  const design = findTask(run, designRef)?.data;
  const change = round > 1 ? findTask(run, designChangeRef(round - 1))?.data : undefined;
  const answers = await runStep(
    run,
    policyOf(run).execution.designReviewDepartments.map((department) => ({
      ...ref('design_review', round, department),
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
      ...designChangeRef(round),
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
      ...ref('production_plan', 1, 'production'),
      title: `Production plan for order ${run.input.orderNo}: batches, quantities, milestones`,
      context: { items: s.order.items, requestedDeliveryDate: s.order.requestedDeliveryDate },
    },
    stepDays(run),
  );
  if (!t) return;
  const plan: ProductionPlan = answerOf(t, 'planned') ?? { batches: [], milestones: [] };
  s.plan = plan;
  s.stage = 'material_purchase';
  await acts.recordProductionPlan({
    orderNo: run.input.orderNo,
    revision: 1,
    plan,
    by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
    at: now().toISOString(),
  });
  await tellBeside(run, () =>
    notifyDepartments(
      run,
      'production_plan',
      'r1',
      policyOf(run).execution.planSharedWith,
      `Production plan for order ${run.input.orderNo}`,
      {
        plan,
      },
    ),
  );
}

export async function materialPurchaseStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'PROCURING');
  const t = await runTask(
    run,
    {
      ...purchaseRef,
      title: `Plan and purchase the materials for order ${run.input.orderNo}`,
      context: { plan: s.plan, urgent: isUrgent(run) },
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
      ...incomingInspectionRef(round),
      title: `Inspect incoming material for order ${run.input.orderNo}${round > 1 ? ` (re-inspection ${round - 1})` : ''}`,
      context: { purchase: findTask(run, purchaseRef)?.data },
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
  const failed = answerOf(findTask(run, incomingInspectionRef(round)), 'fail');
  const t = await runTask(
    run,
    {
      ...ref('material_remedy', round, 'procurement'),
      title: `Incoming material failed inspection for order ${run.input.orderNo}: return, replace or re-supply`,
      context: { defects: failed?.defects },
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
    { ...ref('material_receipt', 1, 'warehouse'), title: `Receive the inspected material for order ${run.input.orderNo}` },
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
      ...ref('milestone', 1, 'production', { step: `milestone-${next + 1}` }),
      title: `Milestone ${next + 1}/${milestones.length} of order ${run.input.orderNo}: ${m.name} (planned ${m.plannedDate})`,
      context: { milestone: m },
    },
    () => {
      const planned = endOfWorkingDay(run, m.plannedDate);
      return planned.getTime() > now().getTime() ? planned : workingDaysFromNow(run, 0);
    },
  );
  if (!t) return;
  s.milestonesDone[m.name] = answerOf(t, 'done')?.completedOn ?? String(t.completedAt?.slice(0, 10));
}
