import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { zonedTime } from '../calendar';
import { calendarOf } from '../policy';
import { registerTaskActions } from '../tasks/actions';
import { answerOf, isFinal, ref, runTask } from '../tasks/engine';
import { reject } from '../tasks/guards';
import { Rejection } from '../tasks/messages';
import { now, workingDaysAfter } from '../tasks/time';
import type { TaskBoardState } from '../tasks/types';
import { subjectHost, acts } from '../tasks/subject-host';
import { advance, type IssueRun } from './issue-record';
import { issueView } from './messages';
import { registerNotices } from './notices';
import type { IssueView, IssueWorkflowInput } from './types';

// One issue of the log (002 §5): the responsible department analyses the root cause, plans
// the rectification with an owner and a due date within the policy's deadline, carries it
// out (a missed date escalates to the head, then management), and the inspecting
// department verifies: a pass closes the issue, a fail sends it back to the root cause.

const localDate = (input: IssueWorkflowInput, at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: input.policy.policy.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/** The latest rectification date a plan may name: the policy's working days from when planning began. */
export const latestDueDate = (input: IssueWorkflowInput, from: Date): string =>
  localDate(input, workingDaysAfter(input.policy.policy, from, input.policy.policy.deadlines.inspectionRectificationWorkingDays));

export async function issueWorkflow(input: IssueWorkflowInput): Promise<IssueView> {
  const { issue, policy } = input;
  const run: IssueRun = { issue, status: 'ANALYSING', cycle: 1, reopened: 0, notices: 0 };
  const board: TaskBoardState = { tasks: {}, replacedBy: {} };
  const host = subjectHost({
    key: issue.id,
    workflowId: workflowInfo().workflowId,
    orderNo: issue.orderNo,
    policy: policy.policy,
    board,
    isOver: () => run.status === 'CLOSED',
  });
  setHandler(issueView, () => ({
    id: issue.id,
    status: run.status,
    cycle: run.cycle,
    reopened: run.reopened,
    dueAt: run.dueAt,
    closedAt: run.closedAt,
  }));
  registerTaskActions(host, {
    checkCompletion(t, outcome, data) {
      const latest = t.context?.latestDueDate;
      if (t.kind === 'rectification_plan' && typeof latest === 'string' && String(data.dueDate) > latest) {
        reject(
          Rejection.InvalidCompletion,
          `dueDate ${String(data.dueDate)} is later than the latest allowed ${latest} (${policy.policy.deadlines.inspectionRectificationWorkingDays} working days)`,
          [{ path: 'data.dueDate', message: `at the latest ${latest}` }],
        );
      }
    },
  });
  registerNotices(host, run, input);

  await advance(run, 'ANALYSING', {
    type: 'found',
    summary: `${issue.severity} issue found by ${issue.foundByDepartment}: ${issue.content}`,
    by: issue.foundBy.name,
  });
  if (issue.severity === 'high') await notifyManagement(input);
  while (!(await cycle(host, run, input))) run.cycle++;
  // An audit notice still open is answered before the issue's workflow ends.
  await condition(() => Object.values(board.tasks).every(isFinal) && allHandlersFinished());
  return { id: issue.id, status: run.status, cycle: run.cycle, reopened: run.reopened, dueAt: run.dueAt, closedAt: run.closedAt };
}

/** 002 §5.1.2: a high-severity issue is reported to management at once. */
async function notifyManagement(input: IssueWorkflowInput): Promise<void> {
  const { issue } = input;
  await acts.notify({
    id: `issue-${issue.id}.management`,
    orderNo: issue.orderNo ?? issue.id,
    topic: 'inspection_issue_high',
    audience: { department: 'management' },
    subject: `High-severity issue ${issue.id}: ${issue.content}`,
    body: { issueId: issue.id, orderNo: issue.orderNo, department: issue.department, impact: issue.impact, foundBy: issue.foundBy },
    createdAt: now().toISOString(),
  });
}

type Host = ReturnType<typeof subjectHost>;

/** One pass of the loop; true when verification passed and the issue is closed. */
async function cycle(host: Host, run: IssueRun, input: IssueWorkflowInput): Promise<boolean> {
  const analysed = await analyseCause(host, run, input);
  const plan = await planRectification(host, run, input, analysed);
  const rectified = await rectify(host, run, input, plan);
  return verify(host, run, input, plan, rectified);
}

function days(input: IssueWorkflowInput, n: number): () => Date {
  return () => workingDaysAfter(input.policy.policy, now(), n);
}

async function analyseCause(host: Host, run: IssueRun, input: IssueWorkflowInput) {
  const { issue } = input;
  const c = run.cycle;
  const failed =
    c > 1 ? answerOf(host.board.tasks[`${issue.id}.issue-verification.r${c - 1}.${issue.verifierDepartment}`] as never, 'fail') : undefined;
  const cause = await runTask(
    host,
    {
      ...ref('root_cause', c, issue.department),
      title: `Root cause and impact of issue ${issue.id}: ${issue.content}`,
      context: { issue, verificationReasons: (failed as { reasons?: string[] } | undefined)?.reasons },
    },
    days(input, input.policy.policy.inspection.rootCauseWorkingDays),
  );
  const analysed = answerOf(cause, 'analysed');
  run.rootCause = analysed?.rootCause;
  await advance(run, 'PLANNING', {
    type: 'root_cause',
    summary: `Root cause (${analysed?.causeType}): ${analysed?.rootCause}`,
    by: cause?.completedBy?.name,
    details: analysed,
  });
  return analysed;
}

async function planRectification(host: Host, run: IssueRun, input: IssueWorkflowInput, analysed: unknown) {
  const { issue } = input;
  const p = input.policy.policy;
  const latest = latestDueDate(input, now());
  const plan = answerOf(
    await runTask(
      host,
      {
        ...ref('rectification_plan', run.cycle, issue.department),
        title: `Rectification plan for issue ${issue.id}, due by ${latest} at the latest`,
        context: { issue, rootCause: analysed, latestDueDate: latest },
      },
      days(input, p.inspection.rootCauseWorkingDays),
    ),
    'planned',
  );
  run.plan = plan;
  const dueAt = zonedTime(calendarOf(p), plan?.dueDate ?? latest, p.workingHours.end);
  run.dueAt = dueAt.toISOString();
  await advance(run, 'RECTIFYING', {
    type: 'plan',
    summary: `Rectification by ${plan?.owner}, due ${plan?.dueDate}: ${(plan?.measures ?? []).join('; ')}`,
    details: plan,
  });
  return plan;
}

type Plan = Awaited<ReturnType<typeof planRectification>>;

async function rectify(host: Host, run: IssueRun, input: IssueWorkflowInput, plan: Plan) {
  const { issue } = input;
  const dueAt = new Date(run.dueAt!);
  const done = await runTask(
    host,
    {
      ...ref('rectification_progress', run.cycle, issue.department),
      title: `Rectify issue ${issue.id} by ${plan?.dueDate} (owner ${plan?.owner})`,
      context: { issue, plan },
    },
    () => dueAt,
  );
  const rectified = answerOf(done, 'rectified');
  await advance(run, 'VERIFYING', {
    type: 'rectified',
    summary: `Rectified: ${rectified?.actions}`,
    by: done?.completedBy?.name,
    details: rectified,
  });
  return rectified;
}

async function verify(host: Host, run: IssueRun, input: IssueWorkflowInput, plan: Plan, rectified: unknown): Promise<boolean> {
  const { issue } = input;
  const check = await runTask(
    host,
    {
      ...ref('issue_verification', run.cycle, issue.verifierDepartment),
      title: `Verify the rectification of issue ${issue.id}`,
      context: { issue, plan, rectified },
    },
    days(input, input.policy.policy.inspection.verificationWorkingDays),
  );
  if (check?.outcome === 'pass') {
    run.closedAt = now().toISOString();
    await advance(run, 'CLOSED', { type: 'verified', summary: 'Verification passed; the issue is closed', by: check.completedBy?.name });
    return true;
  }
  const reasons = answerOf(check, 'fail')?.reasons ?? [];
  run.reopened++;
  await advance(run, 'ANALYSING', {
    type: 'verification_failed',
    summary: `Verification failed: ${reasons.join('; ')}`,
    by: check?.completedBy?.name,
    details: { reasons },
  });
  return false;
}
