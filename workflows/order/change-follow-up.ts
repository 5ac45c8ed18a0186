import { now, policyOf, workingDaysFromNow } from './clock';
import { notifyDepartments } from './notify';
import { acts } from './projection';
import { reassessRisk } from './risk-assessment';
import type { OrderRun } from './run';
import { answerOf, ofKind, ref, runStep, type TaskSpec } from './task-engine';
import type { ChangeRequest, ProductionPlan } from './types';

// 000 §6.3: after an agreed change, finance re-costs it (the margin it leaves re-rates the
// cost risk), and production revises the production plan when quantity or date moved. The
// change track waits for both before it takes the next change.

/** The changed fields after which the production plan no longer holds. */
const planFields = new Set(['quantity', 'items', 'requestedDeliveryDate']);

export async function reviseAfterChange(run: OrderRun, c: ChangeRequest, fields: string[]): Promise<void> {
  const { s } = run;
  const specs: TaskSpec<'re_costing' | 'plan_revision'>[] = [
    {
      ...ref('re_costing', 1, 'finance', { step: `change-${c.seq}-recost` }),
      title: `Re-cost change ${c.seq} on order ${run.input.orderNo} (version ${s.version})`,
      context: { changeId: c.id, changes: c.changes, agreement: c.agreement, marginPct: s.risk.marginPct },
    },
  ];
  if (s.plan && fields.some((f) => planFields.has(f))) {
    specs.push({
      ...ref('plan_revision', 1, 'production', { step: `change-${c.seq}-plan` }),
      title: `Revise the production plan of order ${run.input.orderNo} for change ${c.seq}`,
      context: { changeId: c.id, changes: c.changes, agreement: c.agreement, plan: s.plan },
    });
  }
  const answers = await runStep(run, specs, () => workingDaysFromNow(run, policyOf(run).changes.replanWorkingDays));
  if (!answers) return;
  const recosted = answerOf(ofKind(answers, 're_costing'), 'recosted');
  const revision = ofKind(answers, 'plan_revision');
  const revisedPlan = answerOf(revision, 'revised');
  if (revisedPlan) await adoptPlan(run, c, revisedPlan, revision?.completedBy);
  if (recosted) {
    s.risk.marginPct = recosted.marginPct;
    await reassessRisk(run, 'change');
  }
}

/** The revised plan replaces the current one as its next revision and goes to the departments that work by it. */
async function adoptPlan(
  run: OrderRun,
  c: ChangeRequest,
  plan: ProductionPlan,
  by: { sub: string; name: string } | undefined,
): Promise<void> {
  const { s } = run;
  s.plan = plan;
  s.planRevision = (s.planRevision ?? 1) + 1;
  await acts.recordProductionPlan({
    orderNo: run.input.orderNo,
    revision: s.planRevision,
    plan,
    by: by ?? { sub: 'unknown', name: 'unknown' },
    at: now().toISOString(),
  });
  await notifyDepartments(
    run,
    'production_plan',
    `r${s.planRevision}`,
    policyOf(run).execution.planSharedWith,
    `Production plan revision ${s.planRevision} of order ${run.input.orderNo} for change ${c.seq}`,
    { plan },
  );
}
