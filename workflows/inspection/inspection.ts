import { allHandlersFinished, condition, ParentClosePolicy, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { registerTaskActions } from '../tasks/actions';
import { answerOf, ref, runTask } from '../tasks/engine';
import { reject } from '../tasks/guards';
import { Rejection } from '../tasks/messages';
import { hoursAfter, now, workingDaysAfter } from '../tasks/time';
import type { TaskBoardState } from '../tasks/types';
import { runChecks, type Finding } from './checks';
import { acts, subjectHost } from '../tasks/subject-host';
import { issueWorkflow } from './issue';
import { inspectionIdOf, inspectionView, issueWorkflowId } from './messages';
import {
  checkContext,
  checksOf,
  drawSample,
  inspectorOf,
  isFirstWorkingDayOfMonth,
  nominalTime,
  issuesFrom,
  reviewProblem,
  type ReviewAnswer,
} from './plan';
import type { InspectionView, InspectionWorkflowInput } from './types';

// One inspection run (002 §3.3): the checklist comes from stored data through activities,
// the automatic checks raise findings, and the inspecting department gets one task to
// confirm, dismiss (with a reason) or add findings. Each confirmed finding opens an issue,
// which runs as its own workflow. A complaint's run also gives customer service a reply task.

export async function inspectionWorkflow(input: InspectionWorkflowInput): Promise<InspectionView> {
  const { workflowId } = workflowInfo();
  const p = input.policy.policy;
  const view: InspectionView = {
    id: input.id ?? inspectionIdOf(workflowId),
    kind: input.kind,
    status: 'CHECKING',
    orderNos: [],
    findings: [],
    issueIds: [],
  };
  const department = inspectorOf(input.kind, p);
  const host = inspectionHost(input, view, workflowId);
  if (input.kind === 'finance' && !isFirstWorkingDayOfMonth(p, nominalTime(workflowId, now()))) {
    view.status = 'SKIPPED';
    return view;
  }
  const startedAt = now().toISOString();
  const row = () => ({
    ...view,
    department,
    findings: view.findings as unknown as Record<string, unknown>[],
    startedBy: input.startedBy.name,
    startedAt,
    complaintId: input.complaint?.id,
    sample: input.sample,
  });
  view.orderNos = await selectOrders(input);
  view.findings = runChecks(checksOf[input.kind], await acts.loadOrderFacts({ orderNos: view.orderNos }), checkContext(p, now()));
  view.status = 'REVIEWING';
  await acts.recordInspection(row());

  const reply = input.complaint ? replyToComplaint(host, input) : Promise.resolve();
  const review = await reviewFindings(host, input, view, department);
  const answer = answerOf(review, 'done');
  const issues =
    answer && review?.completedBy
      ? issuesFrom(
          { id: view.id, kind: input.kind, department },
          view.findings,
          answer,
          review.completedBy,
          review.completedAt ?? startedAt,
        )
      : [];
  view.issueIds = await openIssues(issues, input);
  view.status = 'DONE';
  await acts.recordInspection({ ...row(), decisions: answer?.decisions ?? [], completedAt: now().toISOString() });
  await reply;
  await condition(allHandlersFinished);
  return view;
}

/** The run's task host, its view query, and the check that a review answer names every finding. */
function inspectionHost(input: InspectionWorkflowInput, view: InspectionView, workflowId: string): ReturnType<typeof subjectHost> {
  const p = input.policy.policy;
  const board: TaskBoardState = { tasks: {}, replacedBy: {} };
  const orderNo = input.orderNos?.length === 1 ? input.orderNos[0] : undefined;
  const host = subjectHost({ key: view.id, workflowId, orderNo, policy: p, board, isOver: () => false });
  setHandler(inspectionView, () => view);
  registerTaskActions(host, {
    checkCompletion(t, _outcome, data) {
      const problem =
        t.kind === 'inspection_review' ? reviewProblem(view.findings, data as unknown as ReviewAnswer, p.departments) : undefined;
      if (problem) reject(Rejection.InvalidCompletion, problem, [{ path: 'data.decisions', message: problem }]);
    },
  });
  return host;
}

/** The inspecting department's one task of the run: confirm, dismiss or add findings. */
function reviewFindings(host: ReturnType<typeof subjectHost>, input: InspectionWorkflowInput, view: InspectionView, department: string) {
  const p = input.policy.policy;
  return runTask(
    host,
    {
      ...ref('inspection_review', 1, department),
      title: `${input.kind} inspection ${view.id}: ${view.findings.length} finding(s) on ${view.orderNos.length} order(s)`,
      context: { inspectionId: view.id, kind: input.kind, orders: view.orderNos, findings: view.findings, complaint: input.complaint },
    },
    () => workingDaysAfter(p, now(), p.inspection.reviewWorkingDays),
  );
}

/** Each confirmed finding runs as its own issue workflow, which outlives the run. */
async function openIssues(issues: ReturnType<typeof issuesFrom>, input: InspectionWorkflowInput): Promise<string[]> {
  for (const issue of issues) {
    await startChild(issueWorkflow, {
      workflowId: issueWorkflowId(issue.id),
      args: [{ issue, policy: input.policy }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return issues.map((i) => i.id);
}

/** The complaint's order, a scheduled run's orders, or an audit sample drawn here with the workflow's seeded random source, so that a replay draws the same. */
async function selectOrders(input: InspectionWorkflowInput): Promise<string[]> {
  if (input.orderNos) return input.orderNos;
  if (!input.sample) return acts.inspectionOrders({ kind: input.kind });
  const { from, to, size } = input.sample;
  const candidates = await acts.auditCandidates({ from, to, timeZone: input.policy.policy.timeZone });
  return drawSample(candidates, size, Math.random);
}

/** 002 §3.3.2: customer service replies to the customer within the policy's hours. */
async function replyToComplaint(host: ReturnType<typeof subjectHost>, input: InspectionWorkflowInput): Promise<void> {
  const complaint = input.complaint!;
  const p = input.policy.policy;
  const t = await runTask(
    host,
    {
      ...ref('complaint_reply', 1, p.inspection.complaintDepartment),
      title: `Reply to the customer's complaint ${complaint.id} on order ${input.orderNos?.[0] ?? ''}`,
      context: { complaint },
    },
    () => hoursAfter(p, new Date(complaint.receivedAt), p.inspection.complaintReplyHours),
  );
  const answer = answerOf(t, 'replied');
  if (answer && t?.completedBy)
    await acts.recordComplaintReply({
      complaintId: complaint.id,
      reply: answer.reply,
      by: t.completedBy.name,
      at: t.completedAt ?? now().toISOString(),
    });
}

export type { Finding };
