import { setHandler } from '@temporalio/workflow';
import { localDate, workingDaysBetween } from '../calendar';
import { calendar, now, policyOf, workingDaysFrom } from './clock';
import { paymentOverdue } from './messages';
import { acts } from './projection';
import { assessRisk } from './risk-rules';
import type { OrderRun } from './run';
import { isFinal, newTask, openTasks, ref } from './task-engine';
import type { RiskAssessment, RiskFacts } from './types';

// Risk is rated at intake, after the review (when finance has stated the margin), on each
// exception and after each change (000 §7, 003 §6). A high rating gets a risk plan.

export interface RiskState {
  risk: {
    seq: number;
    changeCount: number;
    marginPct?: number;
    last?: RiskAssessment;
    /** Instalments the receivables reported past due. */
    overdueInstalments?: number[];
  };
}

export const initialRisk = (): RiskState => ({ risk: { seq: 0, changeCount: 0 } });

export function riskFacts(run: OrderRun): RiskFacts {
  const { s } = run;
  const cal = calendar(run);
  return {
    newCustomer: (run.input.previousOrders ?? 0) === 0,
    overduePayments: (s.order.customer.overduePayments ?? false) || (s.risk.overdueInstalments?.length ?? 0) > 0,
    changeCount: s.risk.changeCount,
    leadTimeWorkingDays: workingDaysBetween(cal, localDate(cal, now()), s.order.requestedDeliveryDate),
    newProduct: run.input.classification.kind === 'complex',
    qualityRequirements: s.order.qualityRequirements,
    marginPct: s.risk.marginPct,
    openExceptions: s.exceptions.filter((e) => !e.resolvedAt).length,
  };
}

export async function reassessRisk(run: OrderRun, trigger: RiskAssessment['trigger']): Promise<RiskAssessment> {
  const { s } = run;
  s.risk.seq += 1;
  const assessment = assessRisk(policyOf(run), riskFacts(run), {
    id: `${run.input.orderNo}.risk.${s.risk.seq}`,
    orderNo: run.input.orderNo,
    trigger,
    at: now().toISOString(),
  });
  s.risk.last = assessment;
  await acts.recordRiskAssessment(assessment);
  const planOpen = Object.values(s.tasks).some((t) => t.kind === 'risk_plan' && !isFinal(t));
  if (assessment.level === 'high' && !planOpen) {
    const high = Object.entries(assessment.dimensions)
      .filter(([, d]) => d.level === 'high')
      .map(([k, d]) => ({ dimension: k, reasons: d.reasons }));
    await openTasks(run, [
      newTask(
        run,
        {
          ...ref('risk_plan', s.risk.seq, assessment.ownerDepartment),
          title: `High risk on order ${run.input.orderNo}: plan the response (${high.map((h) => h.dimension).join(', ')})`,
          context: { assessmentId: assessment.id, high },
        },
        workingDaysFrom(run, now(), policyOf(run).risk.riskPlanWorkingDays),
      ),
    ]);
  }
  return assessment;
}

/** An instalment past due re-rates the order's risk: the customer now has overdue payments. */
export function registerRiskHandlers(run: OrderRun): void {
  setHandler(paymentOverdue, async ({ instalment }) => {
    const { s } = run;
    if (s.finished || s.risk.overdueInstalments?.includes(instalment)) return;
    s.risk.overdueInstalments = [...(s.risk.overdueInstalments ?? []), instalment];
    await reassessRisk(run, 'payment_overdue');
  });
}
