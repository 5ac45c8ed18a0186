import { localDate, zonedTime } from '../calendar';
import { runStep, runTask } from './deadlines';
import { reassessRisk } from './risk-check';
import { applyRevision, type OrderRevision } from './schema';
import { acts, calendar, now, policyOf, setStatus, workingDaysFrom, type OrderRun } from './state';
import type { SignOff } from './types';

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

/** Complex orders: sales convenes the review meeting before round 1. */
export async function meetingStage(run: OrderRun): Promise<void> {
  const t = await runTask(run, {
    kind: 'review_meeting', step: 'review-meeting', round: 1, department: 'sales',
    title: `Convene the review meeting for complex order ${run.input.orderNo}`,
    context: { reviewers: reviewDepartments(run), noticeWorkingDays: policyOf(run).deadlines.complexMeetingNoticeWorkingDays },
  }, () => workingDaysFrom(run, now(), policyOf(run).deadlines.handoverWorkingDays));
  if (!t) return;
  run.s.meetingDate = String(t.data?.meetingDate);
  run.s.stage = 'review';
}

export async function reviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'IN_REVIEW');
  const { deadlines } = policyOf(run);
  const complex = run.input.classification.kind === 'complex';
  const answers = await runStep(run, reviewDepartments(run).map((department) => ({
    kind: 'review' as const,
    step: 'review',
    round: s.round,
    department,
    title: `Review order ${run.input.orderNo} v${s.version} (round ${s.round}): ${reviewFocus[department] ?? department}`,
    context: { version: s.version, focus: reviewFocus[department] ?? department, meetingDate: s.meetingDate },
  })), () => (complex && s.meetingDate
    ? workingDaysFrom(run, zonedTime(calendar(run), s.meetingDate, calendar(run).workdayStart), deadlines.complexReviewWorkingDays)
    : workingDaysFrom(run, now(), deadlines.routineReviewWorkingDays)));
  if (!answers) return;

  if (answers.some((t) => t.outcome === 'reject')) {
    s.stage = 'renegotiation';
    return;
  }
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
  const rejections = Object.values(s.tasks).filter((t) => t.kind === 'review' && t.round === s.round && t.outcome === 'reject');
  const answer = await runTask(run, {
    kind: 'renegotiation',
    step: 'renegotiation',
    round: s.round,
    department: 'sales',
    title: `Renegotiate order ${run.input.orderNo}: ${rejections.length} department(s) rejected round ${s.round}`,
    context: {
      version: s.version,
      rejections: rejections.map((t) => ({
        department: t.department, reasons: t.data?.reasons ?? [], suggestions: t.data?.suggestions ?? [], by: t.completedBy,
      })),
    },
  }, () => workingDaysFrom(run, now(), policyOf(run).deadlines.renegotiationWorkingDays));
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
    orderNo: run.input.orderNo, version: s.version, order: s.order, reason: String(answer.data?.summary ?? 'revised after review'), by, at: now().toISOString(),
  });
}
