import { hoursFrom, now, policyOf } from './clock';
import { notifyDepartments } from './notify';
import { acts } from './projection';
import { reviewPassed, roundAnswers } from './review';
import { classificationOf, type OrderRun } from './run';
import { answerOf, ref, runTask } from './task-engine';

// 001: an urgent order is confirmed with the customer within hours, its processing sheet
// goes to the departments that must expedite, its review runs on hour deadlines, and an
// infeasible answer is negotiated rather than rejected.

/** 001 §3.1: sales confirms an urgent order with the customer within hours; the processing sheet goes out. */
export async function urgentConfirmStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const { urgent, deadlines } = policyOf(run);
  const t = await runTask(
    run,
    {
      ...ref('urgent_confirmation', 1, 'sales'),
      title: `Urgent order ${run.input.orderNo}: confirm the details with the customer`,
      context: {
        urgentRules: classificationOf(run).urgentRules,
        flaggedReason: s.order.urgent?.reason,
        requestedDeliveryDate: s.order.requestedDeliveryDate,
      },
    },
    () => hoursFrom(run, now(), deadlines.urgentConfirmHours),
  );
  if (!t) return;
  s.stage = run.input.classification.kind === 'complex' ? 'meeting' : 'review';
  await notifyDepartments(
    run,
    'urgent_processing_sheet',
    'r1',
    urgent.processingSheetTo,
    `Urgent processing sheet: order ${run.input.orderNo}`,
    {
      identification: t.data,
      urgentRules: classificationOf(run).urgentRules,
      items: s.order.items,
      requestedDeliveryDate: s.order.requestedDeliveryDate,
    },
  );
}

/** 001 §4: sales negotiates an infeasible urgent order; the chosen option is recorded and the lane goes on. */
export async function urgentNegotiationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const infeasible = roundAnswers(run).filter((t) => t.outcome === 'infeasible');
  const t = await runTask(
    run,
    {
      ...ref('urgent_negotiation', s.round, 'sales'),
      title: `Urgent order ${run.input.orderNo} is infeasible as requested: move the date, add resources or change the process`,
      context: {
        findings: infeasible.map((x) => {
          const why = answerOf(x, 'infeasible');
          return { department: x.department, reasons: why?.reasons, suggestions: why?.suggestions };
        }),
      },
    },
    () => hoursFrom(run, now(), policyOf(run).deadlines.urgentConfirmHours),
  );
  if (!t) return;
  const moved = answerOf(t, 'move_date');
  if (moved) {
    s.order = { ...s.order, requestedDeliveryDate: moved.newDate };
    s.version += 1;
    await acts.recordOrderVersion({
      orderNo: run.input.orderNo,
      version: s.version,
      order: s.order,
      reason: `urgent negotiation: delivery moved to ${moved.newDate}`,
      by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
      at: now().toISOString(),
    });
  }
  await reviewPassed(run, roundAnswers(run));
}
