import { allHandlersFinished, condition, ParentClosePolicy, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import type { TicketState } from '../../activities/after-sales';
import { registerTaskActions } from '../tasks/actions';
import { answerOf, ref, runTask } from '../tasks/engine';
import { acts, subjectHost } from '../tasks/subject-host';
import { hoursAfter, now, workingDaysAfter } from '../tasks/time';
import type { TaskBoardState } from '../tasks/types';
import { replenishmentWorkflowId, ticketView } from './messages';
import { replenishmentWorkflow } from './replenishment';
import type { TicketStatus, TicketView, TicketWorkflowInput } from './types';

// One after-sales ticket (003 §5): after-sales classifies and dispatches it and answers the
// customer first within the policy's clock hours (late: the head, then management); then it
// is resolved remotely or on site, the customer evaluates (not resolved: back to
// resolution), and a satisfaction survey closes it.

type Host = ReturnType<typeof subjectHost>;

interface TicketRun {
  input: TicketWorkflowInput;
  view: TicketView;
}

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketView> {
  const { ticket, policy } = input;
  const run: TicketRun = { input, view: { id: ticket.id, status: 'RECEIVED', category: ticket.category, onSiteVisits: 0, reopened: 0 } };
  const board: TaskBoardState = { tasks: {}, replacedBy: {} };
  const host = subjectHost({
    key: ticket.id,
    workflowId: workflowInfo().workflowId,
    orderNo: ticket.orderNo,
    policy: policy.policy,
    board,
    isOver: () => run.view.status === 'CLOSED',
  });
  setHandler(ticketView, () => run.view);
  registerTaskActions(host);

  await dispatch(host, run);
  for (let round = 1; ; round++) {
    await resolve(host, run, round);
    if (await evaluate(host, run, round)) break;
  }
  await survey(host, run);
  await condition(allHandlersFinished);
  return run.view;
}

const stateOf = (run: TicketRun): TicketState => {
  const { onSiteVisits: _visits, ...view } = run.view;
  return { ...view, at: now().toISOString() };
};

/** Moves the ticket to `status`, writing its row and one timeline event. */
async function advance(
  run: TicketRun,
  status: TicketStatus,
  event: { id: string; type: string; summary: string; by?: string; details?: Record<string, unknown> },
): Promise<void> {
  run.view.status = status;
  // The event first: a reader who sees the new status finds what led to it.
  await acts.recordTicketEvent({ ...event, id: `${run.view.id}.${event.id}`, ticketId: run.view.id, at: now().toISOString() });
  await acts.recordTicket(stateOf(run));
}

async function dispatch(host: Host, run: TicketRun): Promise<void> {
  const { ticket, policy } = run.input;
  const p = policy.policy;
  const dueAt = hoursAfter(p, new Date(ticket.receivedAt), p.deadlines.afterSalesFirstResponseHours);
  const t = await runTask(
    host,
    {
      ...ref('ticket_dispatch', 1, p.afterSales.serviceDepartment),
      title: `Ticket ${ticket.id} on order ${ticket.orderNo}: classify, dispatch and answer the customer`,
      context: { ticket },
    },
    () => dueAt,
  );
  const answer = answerOf(t, 'dispatched');
  run.view.team = answer?.team;
  run.view.category = answer?.category ?? run.view.category;
  run.view.firstResponseAt = t?.completedAt ?? now().toISOString();
  await advance(run, 'RESOLVING', {
    id: 'dispatched',
    type: 'first_response',
    summary: `Dispatched to ${answer?.team} (${run.view.category}); first response: ${answer?.firstResponse}`,
    by: t?.completedBy?.name,
    details: { overdue: t?.overdue ?? false },
  });
}

/** 003 §5.2: a round of resolution; an on-site visit whose parts the stock cannot cover is done again. */
async function resolve(host: Host, run: TicketRun, round: number): Promise<void> {
  const { ticket, policy } = run.input;
  const p = policy.policy;
  let refusal: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const step = attempt === 1 ? 'ticket-resolution' : `ticket-resolution-retry${attempt}`;
    const t = await runTask(
      host,
      {
        ...ref('ticket_resolution', round, p.afterSales.serviceDepartment, { step }),
        title: `Resolve ticket ${ticket.id} (${run.view.category}) remotely or on site`,
        context: { ticket, team: run.view.team, round, ...(refusal ? { refusedVisit: refusal } : {}) },
      },
      () => workingDaysAfter(p, now(), p.afterSales.resolutionWorkingDays),
    );
    const visit = answerOf(t, 'on_site');
    if (!visit || visit.spareParts.length === 0 || !t) {
      if (visit) run.view.onSiteVisits++;
      run.view.resolution = visit ? 'on_site' : 'remote';
      break;
    }
    const taking = await acts.takeVisitParts({
      ticketId: ticket.id,
      key: `${ticket.id}.${t.id}`,
      items: visit.spareParts,
      by: t.completedBy?.sub ?? 'after_sales',
      at: t.completedAt ?? now().toISOString(),
    });
    if (taking.taken) {
      run.view.onSiteVisits++;
      run.view.resolution = 'on_site';
      for (const part of taking.belowReorderLevel) await replenish(run, part);
      break;
    }
    refusal = taking.refusal;
    await acts.recordTicketEvent({
      id: `${ticket.id}.r${round}.a${attempt}.refused`,
      ticketId: ticket.id,
      at: now().toISOString(),
      type: 'visit_refused',
      summary: `The visit's spare parts were refused: ${refusal}; the visit is to be done again`,
    });
  }
  run.view.resolvedAt = now().toISOString();
  await advance(run, 'EVALUATING', {
    id: `r${round}.resolved`,
    type: 'resolved',
    summary: `Resolved ${run.view.resolution === 'on_site' ? 'on site' : 'remotely'} (round ${round})`,
  });
}

/** 003 §5.2.3: a part under its reorder level: procurement replenishes it, once at a time per part. */
async function replenish(run: TicketRun, part: { sku: string; name: string; onHand: number; reorderLevel: number }): Promise<void> {
  try {
    await startChild(replenishmentWorkflow, {
      workflowId: replenishmentWorkflowId(part.sku),
      args: [{ ...part, ticketId: run.view.id, policy: run.input.policy }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
}

/** 003 §5.3: true when the customer says it is resolved; not resolved goes back to resolution. */
async function evaluate(host: Host, run: TicketRun, round: number): Promise<boolean> {
  const { ticket, policy } = run.input;
  const p = policy.policy;
  const t = await runTask(
    host,
    {
      ...ref('ticket_evaluation', round, p.afterSales.customerDepartment),
      title: `Ask the customer whether ticket ${ticket.id} is resolved`,
      context: { ticket, resolution: run.view.resolution, round },
    },
    () => workingDaysAfter(p, now(), p.afterSales.evaluationWorkingDays),
  );
  if (t?.outcome === 'resolved') return true;
  run.view.reopened++;
  run.view.resolvedAt = undefined;
  await advance(run, 'RESOLVING', {
    id: `r${round}.not-resolved`,
    type: 'not_resolved',
    summary: `The customer says it is not resolved: ${answerOf(t, 'not_resolved')?.reason}`,
    by: t?.completedBy?.name,
  });
  return false;
}

async function survey(host: Host, run: TicketRun): Promise<void> {
  const { ticket, policy } = run.input;
  const p = policy.policy;
  await advance(run, 'SURVEYING', { id: 'evaluated', type: 'evaluated', summary: 'The customer confirms it is resolved' });
  const t = await runTask(
    host,
    {
      ...ref('ticket_survey', 1, p.afterSales.customerDepartment),
      title: `Satisfaction survey of ticket ${ticket.id}`,
      context: { ticket },
    },
    () => workingDaysAfter(p, now(), p.afterSales.surveyWorkingDays),
  );
  const answer = answerOf(t, 'surveyed');
  run.view.satisfactionScore = answer?.score;
  run.view.closedAt = now().toISOString();
  await advance(run, 'CLOSED', {
    id: 'closed',
    type: 'closed',
    summary: answer
      ? `Survey: ${answer.score}/5${answer.comment ? `, ${answer.comment}` : ''}`
      : 'The customer could not be reached for the survey',
    by: t?.completedBy?.name,
  });
}
