import { localDate, zonedTime } from '../calendar';
import { runStep, runTask } from './deadlines';
import { reassessRisk } from './risk-check';
import { applyRevision, type OrderRevision } from './order-input';
import { notifyDepartments } from './notify';
import { acts, calendar, hoursFrom, now, policyOf, setStatus, workingDaysFrom, type OrderRun } from './state';
import type { SignOff, Task } from './types';

// 評審 (000 §3, 003 §3.1): every reviewing department answers in parallel by one
// working-day deadline; any rejection sends the order back to sales to renegotiate.

const reviewFocus: Record<string, string> = {
  production: 'capacity',
  procurement: 'material supply',
  engineering: 'technical capability',
  quality: 'quality plan and inspection standard',
  finance: 'cost and margin',
  rnd: 'new product or technology',
  equipment: 'equipment and tooling',
};

export function reviewDepartments(run: OrderRun): string[] {
  const { review } = policyOf(run);
  return run.input.classification.kind === 'complex'
    ? [...review.routineDepartments, ...review.complexExtraDepartments]
    : [...review.routineDepartments];
}

/** The earliest meeting date that gives the reviewers the notice period (000 §3.1). */
export function earliestMeetingDate(run: OrderRun, at: Date): string {
  return localDate(calendar(run), workingDaysFrom(run, at, policyOf(run).deadlines.complexMeetingNoticeWorkingDays));
}

/** 001 §3.1: sales confirms an urgent order with the customer within hours; the processing sheet goes out. */
export async function urgentConfirmStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const { urgent, deadlines } = policyOf(run);
  const t = await runTask(
    run,
    {
      kind: 'urgent_confirmation',
      step: 'urgent-confirmation',
      round: 1,
      department: 'sales',
      title: `Urgent order ${run.input.orderNo}: confirm the details with the customer`,
      context: {
        urgentRules: run.input.classification.urgentRules,
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
      urgentRules: run.input.classification.urgentRules,
      items: s.order.items,
      requestedDeliveryDate: s.order.requestedDeliveryDate,
    },
  );
}

/** Complex orders: sales convenes the review meeting before round 1. */
export async function meetingStage(run: OrderRun): Promise<void> {
  const t = await runTask(
    run,
    {
      kind: 'review_meeting',
      step: 'review-meeting',
      round: 1,
      department: 'sales',
      title: `Convene the review meeting for complex order ${run.input.orderNo}`,
      context: { reviewers: reviewDepartments(run), noticeWorkingDays: policyOf(run).deadlines.complexMeetingNoticeWorkingDays },
    },
    () => workingDaysFrom(run, now(), policyOf(run).deadlines.handoverWorkingDays),
  );
  if (!t) return;
  run.s.meetingDate = String(t.data?.meetingDate);
  run.s.stage = 'review';
}

export async function reviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'IN_REVIEW');
  const { deadlines } = policyOf(run);
  const complex = run.input.classification.kind === 'complex';
  const answers = await runStep(
    run,
    reviewDepartments(run).map((department) => ({
      kind: 'review' as const,
      step: 'review',
      round: s.round,
      department,
      title: `Review order ${run.input.orderNo} v${s.version} (round ${s.round}): ${reviewFocus[department] ?? department}`,
      context: { version: s.version, focus: reviewFocus[department] ?? department, meetingDate: s.meetingDate },
    })),
    () =>
      run.input.classification.urgent
        ? hoursFrom(run, now(), deadlines.urgentReviewHours)
        : complex && s.meetingDate
          ? workingDaysFrom(run, zonedTime(calendar(run), s.meetingDate, calendar(run).workdayStart), deadlines.complexReviewWorkingDays)
          : workingDaysFrom(run, now(), deadlines.routineReviewWorkingDays),
  );
  if (!answers) return;

  const urgent = run.input.classification.urgent;
  if (answers.some((t) => t.outcome === 'reject' || (!urgent && t.outcome === 'infeasible'))) {
    s.stage = 'renegotiation';
    return;
  }
  if (answers.some((t) => t.outcome === 'infeasible')) {
    s.stage = 'urgent_negotiation';
    return;
  }
  await reviewPassed(run, answers);
}

/** The round's answers of the current review round. */
function roundAnswers(run: OrderRun): Task[] {
  return Object.values(run.s.tasks).filter((t) => t.kind === 'review' && t.round === run.s.round && t.status === 'COMPLETED');
}

/** 001 §4: sales negotiates an infeasible urgent order; the chosen option is recorded and the lane goes on. */
export async function urgentNegotiationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const infeasible = roundAnswers(run).filter((t) => t.outcome === 'infeasible');
  const t = await runTask(
    run,
    {
      kind: 'urgent_negotiation',
      step: 'urgent-negotiation',
      round: s.round,
      department: 'sales',
      title: `Urgent order ${run.input.orderNo} is infeasible as requested: move the date, add resources or change the process`,
      context: {
        findings: infeasible.map((x) => ({ department: x.department, reasons: x.data?.reasons, suggestions: x.data?.suggestions })),
      },
    },
    () => hoursFrom(run, now(), policyOf(run).deadlines.urgentConfirmHours),
  );
  if (!t) return;
  if (t.outcome === 'move_date' && typeof t.data?.newDate === 'string') {
    s.order = { ...s.order, requestedDeliveryDate: t.data.newDate };
    s.version += 1;
    await acts.recordOrderVersion({
      orderNo: run.input.orderNo,
      version: s.version,
      order: s.order,
      reason: `urgent negotiation: delivery moved to ${t.data.newDate}`,
      by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
      at: now().toISOString(),
    });
  }
  await reviewPassed(run, roundAnswers(run));
}

async function reviewPassed(run: OrderRun, answers: Task[]): Promise<void> {
  const { s } = run;
  const complex = run.input.classification.kind === 'complex';
  const signOffs: SignOff[] = answers.map((t) => ({
    department: t.department,
    outcome: t.outcome ?? 'approve',
    by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
    at: t.completedAt ?? now().toISOString(),
  }));
  await acts.recordSignOffs({ orderNo: run.input.orderNo, round: s.round, signOffs });
  const margin = answers.find((t) => t.department === 'finance')?.data?.marginPct;
  if (typeof margin === 'number') s.risk.marginPct = margin;
  await reassessRisk(run, 'review');
  s.reports.started = true;
  s.stage = policyOf(run).contract.enabled ? 'contract_draft' : complex ? 'design' : 'plan';
}

/** Sales gets one task carrying every department's reasons and suggestions. */
export async function renegotiationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'RENEGOTIATING');
  const rejections = Object.values(s.tasks).filter(
    (t) => t.kind === 'review' && t.round === s.round && (t.outcome === 'reject' || t.outcome === 'infeasible'),
  );
  const answer = await runTask(
    run,
    {
      kind: 'renegotiation',
      step: 'renegotiation',
      round: s.round,
      department: 'sales',
      title: `Renegotiate order ${run.input.orderNo}: ${rejections.length} department(s) rejected round ${s.round}`,
      context: {
        version: s.version,
        rejections: rejections.map((t) => ({
          department: t.department,
          reasons: t.data?.reasons ?? [],
          suggestions: t.data?.suggestions ?? [],
          by: t.completedBy,
        })),
      },
    },
    () => workingDaysFrom(run, now(), policyOf(run).deadlines.renegotiationWorkingDays),
  );
  if (!answer) return;

  const by = answer.completedBy ?? { sub: 'unknown', name: 'unknown' };
  if (answer.outcome === 'cancel') {
    s.cancel = { by, reason: String(answer.data?.reason ?? 'cancelled in renegotiation'), at: answer.completedAt ?? now().toISOString() };
    return;
  }
  s.order = applyRevision(s.order, (answer.data?.revision ?? {}) as OrderRevision);
  s.version += 1;
  s.round += 1;
  s.stage = 'review';
  await acts.recordOrderVersion({
    orderNo: run.input.orderNo,
    version: s.version,
    order: s.order,
    reason: String(answer.data?.summary ?? 'revised after review'),
    by,
    at: now().toISOString(),
  });
}
