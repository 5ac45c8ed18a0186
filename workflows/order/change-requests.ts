import { setHandler } from '@temporalio/workflow';
import { agreeChange } from './change-agreement';
import { now, policyOf, workingDaysFromNow } from './clock';
import { reject, requireAccess, storable } from './guards';
import { Rejection, requestChange, type ChangeRequestInput } from './messages';
import type { OrderInput, OrderRevision } from './order-input';
import { acts } from './projection';
import { actorRef, isOver, type OrderRun } from './run';
import { answerOf, ref, runStep, runTask } from './task-engine';
import type { ChangeOpinion, ChangeRequest, Task } from './types';
import { waitFor } from './waits';

// 000 §6 and 003 §3.2: a change request is approved by the sales head, re-reviewed by the
// departments its diff touches, and either agreed (order version n+1, stale tasks
// reissued, re-planning where work is already done) or renegotiated until it passes or
// is withdrawn. One change runs at a time, beside the process.

export interface ChangeState {
  /** The latest change request; one runs at a time. */
  change?: ChangeRequest;
  changeSeq: number;
}

export const initialChange = (): ChangeState => ({ changeSeq: 0 });

export function registerChangeHandlers(run: OrderRun): void {
  setHandler(requestChange, (request) => fileChange(run, request), {
    validator: storable((request: ChangeRequestInput) => checkChangeRequest(run, request)),
  });
}

/** 000 §6.1: a change request; the change track takes it from here. */
async function fileChange(run: OrderRun, { changes, reason, impact, actor }: ChangeRequestInput): Promise<ChangeRequest> {
  run.s.change = newChangeRequest(run, { changes, reason, impact, by: actorRef(actor) });
  await acts.recordChange(run.s.change);
  return { ...run.s.change };
}

function checkChangeRequest(run: OrderRun, { changes, actor }: ChangeRequestInput): void {
  const { s } = run;
  requireAccess(actor, 'requestChange', 'sales files change requests');
  if (isOver(s) || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(s.status) || s.delivered) {
    reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${s.status}; changes are accepted only before delivery`);
  }
  if (changeOpen(s.change)) {
    reject(Rejection.ChangeInProgress, `change ${s.change!.id} is still open (${s.change!.status}); one change runs at a time`);
  }
  if (changedFields(s.order, changes).length === 0) reject(Rejection.InvalidRequest, 'the change does not change anything in the order');
}

/** The order fields a revision changes; item fields by name (quantity, spec, unitPrice, …). */
export function changedFields(order: OrderInput, revision: OrderRevision): string[] {
  const fields = new Set<string>();
  for (const [key, value] of Object.entries(revision)) {
    if (value === undefined) continue;
    if (key !== 'items') {
      if (JSON.stringify(value) !== JSON.stringify((order as Record<string, unknown>)[key])) fields.add(key);
      continue;
    }
    const before = new Map(order.items.map((i) => [i.sku, i]));
    const after = new Map((value as OrderInput['items']).map((i) => [i.sku, i]));
    if ([...after.keys()].some((k) => !before.has(k)) || [...before.keys()].some((k) => !after.has(k))) fields.add('items');
    for (const [sku, item] of after) {
      const old = before.get(sku);
      if (!old) continue;
      for (const f of ['quantity', 'spec', 'description', 'unitPrice', 'unit'] as const) if (item[f] !== old[f]) fields.add(f);
    }
  }
  return [...fields];
}

export function departmentsFor(run: OrderRun, fields: string[]): string[] {
  const map = policyOf(run).changes.fieldDepartments;
  return [...new Set(fields.flatMap((f) => map[f] ?? ['production']))].sort();
}

export function newChangeRequest(
  run: OrderRun,
  input: { changes: OrderRevision; reason: string; impact: ChangeRequest['impact']; by: { sub: string; name: string } },
): ChangeRequest {
  const { s } = run;
  s.changeSeq += 1;
  return {
    id: `${run.input.orderNo}.change.${s.changeSeq}`,
    orderNo: run.input.orderNo,
    seq: s.changeSeq,
    status: 'HEAD_REVIEW',
    changes: input.changes,
    reason: input.reason,
    impact: input.impact,
    departments: departmentsFor(run, changedFields(s.order, input.changes)),
    round: 1,
    opinions: [],
    requestedBy: input.by,
    requestedAt: now().toISOString(),
  };
}

export const changeOpen = (c: ChangeRequest | undefined): boolean =>
  c !== undefined && ['HEAD_REVIEW', 'IN_REVIEW', 'RENEGOTIATING'].includes(c.status);

function opinion(c: ChangeRequest, step: ChangeOpinion['step'], t: Task): void {
  c.opinions.push({
    step,
    round: c.round,
    department: t.department,
    outcome: t.outcome ?? '',
    by: t.completedBy,
    at: t.completedAt,
    ...(Array.isArray(t.data?.reasons) ? { reasons: t.data.reasons as string[] } : {}),
  });
}

const days = (run: OrderRun) => () => workingDaysFromNow(run, policyOf(run).deadlines.changeReReviewWorkingDays);

/** Runs beside the process: takes each change request through to its end. */
export async function changeTrack(run: OrderRun): Promise<void> {
  const { s } = run;
  for (;;) {
    await waitFor(run, () => isOver(s) || changeOpen(s.change));
    if (isOver(s)) return;
    await runChange(run, s.change!);
  }
}

async function runChange(run: OrderRun, c: ChangeRequest): Promise<void> {
  while (changeOpen(c) && !isOver(run.s)) {
    if (c.status === 'HEAD_REVIEW') await headApproval(run, c);
    else if (c.status === 'IN_REVIEW') await reReview(run, c);
    else await renegotiate(run, c);
  }
}

async function headApproval(run: OrderRun, c: ChangeRequest): Promise<void> {
  const t = await runTask(
    run,
    {
      ...ref('change_approval', 1, 'sales', { step: `change-${c.seq}-approval`, requiredRole: 'head' }),
      title: `Approve change request ${c.seq} on order ${run.input.orderNo}: ${c.reason}`,
      context: { changeId: c.id, changes: c.changes, reason: c.reason, impact: c.impact, departments: c.departments },
    },
    days(run),
  );
  if (!t) return;
  opinion(c, 'head_approval', t);
  if (t.outcome === 'approve') {
    c.status = 'IN_REVIEW';
  } else {
    c.status = 'REJECTED';
    c.decidedAt = now().toISOString();
  }
  await acts.recordChange(c);
}

async function reReview(run: OrderRun, c: ChangeRequest): Promise<void> {
  const answers =
    c.departments.length === 0
      ? []
      : await runStep(
          run,
          c.departments.map((department) => ({
            ...ref('change_review', c.round, department, { step: `change-${c.seq}-review` }),
            title: `Re-review change ${c.seq} (round ${c.round}) on order ${run.input.orderNo}`,
            context: { changeId: c.id, changes: c.changes, reason: c.reason, impact: c.impact },
          })),
          days(run),
        );
  if (!answers) return;
  for (const t of answers) opinion(c, 'change_review', t);
  if (answers.some((t) => t.outcome === 'reject')) {
    c.status = 'RENEGOTIATING';
    await acts.recordChange(c);
    return;
  }
  await agreeChange(run, c);
}

async function renegotiate(run: OrderRun, c: ChangeRequest): Promise<void> {
  const objections = c.opinions.filter((o) => o.step === 'change_review' && o.round === c.round && o.outcome === 'reject');
  const t = await runTask(
    run,
    {
      ...ref('change_renegotiation', c.round, 'sales', { step: `change-${c.seq}-renegotiation` }),
      title: `Change ${c.seq} on order ${run.input.orderNo} failed re-review: revise or withdraw`,
      context: { changeId: c.id, changes: c.changes, objections },
    },
    days(run),
  );
  if (!t) return;
  opinion(c, 'change_renegotiation', t);
  if (t.outcome === 'withdraw') {
    c.status = 'WITHDRAWN';
    c.decidedAt = now().toISOString();
  } else {
    const revised: OrderRevision = answerOf(t, 'revise')?.changes ?? {};
    c.changes = revised;
    c.departments = departmentsFor(run, changedFields(run.s.order, revised));
    c.round += 1;
    c.status = 'IN_REVIEW';
  }
  await acts.recordChange(c);
}
