import { patched } from '@temporalio/workflow';
import { localDate } from '../calendar';
import { calendar, hoursFrom, now, policyOf, startOfWorkingDay, workingDaysFrom, workingDaysFromNow } from './clock';
import { reject } from './guards';
import { Rejection } from './messages';
import { applyRevision } from './order-input';
import { acts, setStatus } from './projection';
import { reassessRisk } from './risk-assessment';
import { isUrgent, type OrderRun } from './run';
import { answerOf, ref, runStep, runTask } from './task-engine';
import type { SignOff, Task } from './types';

// 評審 (000 §3, 003 §3.1): every reviewing department answers in parallel by one
// working-day deadline; any rejection sends the order back to sales to renegotiate.

export interface ReviewState {
  /** Complex orders: the review meeting's date, set by sales before round 1. */
  meetingDate?: string;
}

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

/** The Update validator's rule for the meeting: a form cannot know the calendar. */
export function checkMeetingNotice(run: OrderRun, meetingDate: string): void {
  const earliest = earliestMeetingDate(run, now());
  if (meetingDate < earliest) {
    reject(
      Rejection.InvalidCompletion,
      `meetingDate ${meetingDate} gives less than the ${policyOf(run).deadlines.complexMeetingNoticeWorkingDays} working days' notice; the earliest allowed date is ${earliest}`,
      [{ path: 'data.meetingDate', message: `earliest allowed date is ${earliest}` }],
    );
  }
}

/** Complex orders: sales convenes the review meeting before round 1. */
export async function meetingStage(run: OrderRun): Promise<void> {
  const t = await runTask(
    run,
    {
      ...ref('review_meeting', 1, 'sales'),
      title: `Convene the review meeting for complex order ${run.input.orderNo}`,
      context: { reviewers: reviewDepartments(run), noticeWorkingDays: policyOf(run).deadlines.complexMeetingNoticeWorkingDays },
    },
    () => workingDaysFromNow(run, policyOf(run).deadlines.handoverWorkingDays),
  );
  if (!t) return;
  run.s.meetingDate = String(answerOf(t, 'scheduled')?.meetingDate);
  run.s.stage = 'review';
}

/**
 * When a round's answers are due (000 §3.1, 001 §3.2). Round 1 of a complex order runs from
 * its review meeting, on the urgent lane in hours; every later round runs from its own
 * start, 5 working days for a complex order.
 */
function reviewDue(run: OrderRun): Date {
  const { deadlines } = policyOf(run);
  const complex = run.input.classification.kind === 'complex';
  if (!patched('review-deadline-per-round')) return reviewDueBefore(run);
  const meeting = complex && run.s.round === 1 && run.s.meetingDate ? startOfWorkingDay(run, run.s.meetingDate) : undefined;
  const from = meeting && meeting.getTime() > now().getTime() ? meeting : now();
  if (isUrgent(run)) return hoursFrom(run, from, deadlines.urgentReviewHours);
  return workingDaysFrom(run, from, complex ? deadlines.complexReviewWorkingDays : deadlines.routineReviewWorkingDays);
}

/** The deadline orders reviewed before 'review-deadline-per-round' keep: every round from the meeting. */
function reviewDueBefore(run: OrderRun): Date {
  const { deadlines } = policyOf(run);
  const { meetingDate } = run.s;
  if (run.input.classification.urgent) return hoursFrom(run, now(), deadlines.urgentReviewHours);
  if (run.input.classification.kind === 'complex' && meetingDate) {
    return workingDaysFrom(run, startOfWorkingDay(run, meetingDate), deadlines.complexReviewWorkingDays);
  }
  return workingDaysFromNow(run, deadlines.routineReviewWorkingDays);
}

export async function reviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'IN_REVIEW');
  const answers = await runStep(
    run,
    reviewDepartments(run).map((department) => ({
      ...ref('review', s.round, department),
      title: `Review order ${run.input.orderNo} v${s.version} (round ${s.round}): ${reviewFocus[department] ?? department}`,
      context: { version: s.version, focus: reviewFocus[department] ?? department, meetingDate: s.meetingDate },
    })),
    () => reviewDue(run),
  );
  if (!answers) return;

  const urgent = isUrgent(run);
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

/** The answers of the current review round. */
export function roundAnswers(run: OrderRun): Task<'review'>[] {
  return Object.values(run.s.tasks).filter(
    (t): t is Task<'review'> => t.kind === 'review' && t.round === run.s.round && t.status === 'COMPLETED',
  );
}

/** The review passed: the sign-offs are recorded, the risk re-rated, reports start, the contract stage follows. */
export async function reviewPassed(run: OrderRun, answers: Task<'review'>[]): Promise<void> {
  const { s } = run;
  const complex = run.input.classification.kind === 'complex';
  const signOffs: SignOff[] = answers.map((t) => ({
    department: t.department,
    outcome: t.outcome ?? 'approve',
    by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
    at: t.completedAt ?? now().toISOString(),
  }));
  await acts.recordSignOffs({ orderNo: run.input.orderNo, round: s.round, signOffs });
  const margin = answerOf(
    answers.find((t) => t.department === 'finance'),
    'approve',
  )?.marginPct;
  if (typeof margin === 'number') s.risk.marginPct = margin;
  await reassessRisk(run, 'review');
  s.reports.started = true;
  s.stage = policyOf(run).contract.enabled ? 'contract_draft' : complex ? 'design' : 'plan';
}

/** Sales gets one task carrying every department's reasons and suggestions. */
export async function renegotiationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'RENEGOTIATING');
  const rejections = roundAnswers(run).filter((t) => t.outcome === 'reject' || t.outcome === 'infeasible');
  const answer = await runTask(
    run,
    {
      ...ref('renegotiation', s.round, 'sales'),
      title: `Renegotiate order ${run.input.orderNo}: ${rejections.length} department(s) rejected round ${s.round}`,
      context: {
        version: s.version,
        rejections: rejections.map((t) => {
          const why = answerOf(t, t.outcome as 'reject');
          return { department: t.department, reasons: why?.reasons ?? [], suggestions: why?.suggestions ?? [], by: t.completedBy };
        }),
      },
    },
    () => workingDaysFromNow(run, policyOf(run).deadlines.renegotiationWorkingDays),
  );
  if (!answer) return;

  const by = answer.completedBy ?? { sub: 'unknown', name: 'unknown' };
  const cancelled = answerOf(answer, 'cancel');
  if (cancelled) {
    s.cancel = { by, reason: cancelled.reason, at: answer.completedAt ?? now().toISOString() };
    return;
  }
  const revised = answerOf(answer, 'revise');
  s.order = applyRevision(s.order, revised?.revision ?? {});
  s.version += 1;
  s.round += 1;
  s.stage = 'review';
  await acts.recordOrderVersion({
    orderNo: run.input.orderNo,
    version: s.version,
    order: s.order,
    reason: revised?.summary ?? 'revised after review',
    by,
    at: now().toISOString(),
  });
}
