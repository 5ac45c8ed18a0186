import { classificationOf, type OrderRun } from './run';
import { isFinal } from './task-engine';
import type { OrderSnapshot, OrderView } from './types';

/** What the orderView query and the workflow's result show of the order. */
export function view(run: OrderRun): OrderView {
  const { s } = run;
  return {
    orderNo: run.input.orderNo,
    status: s.status,
    stage: s.stage,
    version: s.version,
    reviewRound: s.round,
    classification: run.input.classification,
    policyVersion: run.input.policy.version,
    openTasks: Object.values(s.tasks).filter((t) => !isFinal(t)),
    plan: s.plan,
    milestonesDone: s.milestonesDone,
    exceptions: s.exceptions,
    risk: s.risk.last,
    reportsSent: s.reports.seq,
    change: s.change,
    cancelled: s.cancel,
  };
}

export function snapshot(run: OrderRun): OrderSnapshot {
  const { s } = run;
  const { urgent, urgentRules } = classificationOf(run);
  return {
    orderNo: run.input.orderNo,
    status: s.status,
    version: s.version,
    reviewRound: s.round,
    order: s.order,
    urgent,
    urgentRules,
    tasks: Object.values(s.tasks),
    finished: s.finished,
  };
}
