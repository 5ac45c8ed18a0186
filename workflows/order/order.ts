import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { allTold, tellingBeside } from './beside';
import { registerCancellation } from './cancellation';
import { changeTrack, initialChange, registerChangeHandlers } from './change-requests';
import { contractDraftStage, contractReviewStage, contractSignatureStage } from './contract';
import {
  acceptanceStage,
  dispatchStage,
  finalInspectionStage,
  initialDelivery,
  packagingStage,
  rectificationStage,
  registerDeliveryHandlers,
  reworkStage,
  shippingPlanStage,
  summaryStage,
  transportStage,
} from './delivery';
import { initialExceptions, registerExceptionHandlers } from './exceptions';
import {
  designChangeStage,
  designReviewStage,
  designStage,
  incomingInspectionStage,
  initialExecution,
  materialPurchaseStage,
  materialReceiptStage,
  materialRemedyStage,
  planStage,
  productionStage,
} from './execution';
import { orderSnapshot, orderView } from './messages';
import { initialDeliveries, startDeliveries } from './notify';
import { initialOverdue, overdueTrack } from './overdue-delivery';
import { initialReports, registerReportHandlers, reportsTrack } from './progress-reports';
import { setStatus, statusUnwritten, writePendingStatus } from './projection';
import { meetingStage, renegotiationStage, reviewStage } from './review';
import { satisfactionCheckStage } from './satisfaction-check';
import { initialRisk, reassessRisk, registerRiskHandlers } from './risk-assessment';
import { isOver, type OrderRun, type OrderState, type Stage } from './run';
import { registerTaskActions } from './task-actions';
import { cancelOpenTasks, initialTaskBoard } from './task-engine';
import type { OrderView, OrderWorkflowInput } from './types';
import { urgentConfirmStage, urgentNegotiationStage } from './urgent-lane';
import { tellReceivables } from './receivables-link';
import { snapshot, view } from './view';
import { ContinueAsNewNeeded } from './waits';

const stages: Record<Exclude<Stage, 'done'>, (run: OrderRun) => Promise<void>> = {
  urgent_confirm: urgentConfirmStage,
  urgent_negotiation: urgentNegotiationStage,
  meeting: meetingStage,
  review: reviewStage,
  renegotiation: renegotiationStage,
  contract_draft: contractDraftStage,
  contract_review: contractReviewStage,
  contract_signature: contractSignatureStage,
  design: designStage,
  design_review: designReviewStage,
  design_change: designChangeStage,
  plan: planStage,
  material_purchase: materialPurchaseStage,
  incoming_inspection: incomingInspectionStage,
  material_remedy: materialRemedyStage,
  material_receipt: materialReceiptStage,
  production: productionStage,
  final_inspection: finalInspectionStage,
  rework: reworkStage,
  packaging: packagingStage,
  shipping_plan: shippingPlanStage,
  dispatch: dispatchStage,
  transport: transportStage,
  acceptance: acceptanceStage,
  rectification: rectificationStage,
  satisfaction_check: satisfactionCheckStage,
  summary: summaryStage,
};

function firstStage(input: OrderWorkflowInput): Stage {
  if (input.classification.urgent) return 'urgent_confirm';
  return input.classification.kind === 'complex' ? 'meeting' : 'review';
}

function initialState(input: OrderWorkflowInput): OrderState {
  return {
    order: input.order,
    status: 'RECEIVED',
    version: 1,
    round: 1,
    stage: firstStage(input),
    loops: {},
    finished: false,
    ...initialTaskBoard(),
    ...initialExecution(),
    ...initialExceptions(),
    ...initialDelivery(),
    ...initialReports(),
    ...initialOverdue(),
    ...initialRisk(),
    ...initialDeliveries(),
    ...initialChange(),
  };
}

/** Each feature registers its own Updates and queries. */
function registerHandlers(run: OrderRun): void {
  setHandler(orderView, () => view(run));
  setHandler(orderSnapshot, () => snapshot(run));
  registerTaskActions(run);
  registerCancellation(run);
  registerReportHandlers(run);
  registerExceptionHandlers(run);
  registerChangeHandlers(run);
  registerDeliveryHandlers(run);
  registerRiskHandlers(run);
}

/**
 * One customer order from receipt to CLOSED (or CANCELLED). The process runs as a chain
 * of stages beside three tracks: the weekly customer report, the overdue-delivery watch
 * and change requests.
 * When the history grows long, every wait unwinds and the order continues as new with its
 * whole state, re-entering the stage and the waits it was in.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderView> {
  const run: OrderRun = { input, s: (input.resume as OrderState | undefined) ?? initialState(input) };
  registerHandlers(run);
  if (input.resume) startDeliveries(run, run.s.deliveries, true);
  else await reassessRisk(run, 'intake');

  const results = await Promise.allSettled([runStages(run), reportsTrack(run), overdueTrack(run), changeTrack(run)]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof ContinueAsNewNeeded));
  if (failure) throw failure.reason;
  if (tellingBeside(run)) await allTold(run);
  if (results.some((r) => r.status === 'rejected')) {
    await condition(allHandlersFinished);
    return continueAsNew<typeof orderWorkflow>({ ...input, resume: run.s });
  }
  await condition(() => run.s.deliveries.length === 0 && allHandlersFinished());
  return view(run);
}

async function runStages(run: OrderRun): Promise<void> {
  const { s } = run;
  while (s.stage !== 'done' && !isOver(s)) await stages[s.stage](run);
  // The receivables hear of a cancellation only after they have heard everything before it.
  if (tellingBeside(run)) await allTold(run);
  if (s.cancel) {
    await cancelOpenTasks(run, `order cancelled: ${s.cancel.reason}`);
    await setStatus(run, 'CANCELLED', s.cancel.reason);
    await tellReceivables(run, 'cancelled');
  } else {
    await cancelOpenTasks(run, 'order closed');
  }
  if (statusUnwritten(run)) await writePendingStatus(run);
  s.finished = true;
}
