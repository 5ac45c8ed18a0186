import { runStep, runTask, isEscalationOf } from './deadlines';
import { notifyDepartments } from './notify';
import { reassessRisk } from './risk-check';
import { applyRevision, orderTotal, type OrderInput, type OrderRevision } from './order-input';
import {
  acts,
  cancelOpenTasks,
  isFinal,
  isOver,
  newTask,
  now,
  openTasks,
  policyOf,
  waitFor,
  workingDaysFrom,
  type OrderRun,
} from './state';
import type { ChangeOpinion, ChangeRequest, Task } from './types';

// 000 §6 and 003 §3.2: a change request is approved by the sales head, re-reviewed by the
// departments its diff touches, and either agreed (order version n+1, stale tasks
// reissued, re-planning where work is already done) or renegotiated until it passes or
// is withdrawn. One change runs at a time, beside the process.

const sideKinds = new Set(['escalation', 'risk_plan', 'change_approval', 'change_review', 'change_renegotiation', 're_planning']);

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
    changes: input.changes as Record<string, unknown>,
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

const days = (run: OrderRun) => () => workingDaysFrom(run, now(), policyOf(run).deadlines.changeReReviewWorkingDays);

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
      kind: 'change_approval',
      step: `change-${c.seq}-approval`,
      round: 1,
      department: 'sales',
      requiredRole: 'head',
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
            kind: 'change_review' as const,
            step: `change-${c.seq}-review`,
            round: c.round,
            department,
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
  await agree(run, c);
}

async function renegotiate(run: OrderRun, c: ChangeRequest): Promise<void> {
  const objections = c.opinions.filter((o) => o.step === 'change_review' && o.round === c.round && o.outcome === 'reject');
  const t = await runTask(
    run,
    {
      kind: 'change_renegotiation',
      step: `change-${c.seq}-renegotiation`,
      round: c.round,
      department: 'sales',
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
    const revised = (t.data?.changes ?? {}) as OrderRevision;
    c.changes = revised as Record<string, unknown>;
    c.departments = departmentsFor(run, changedFields(run.s.order, revised));
    c.round += 1;
    c.status = 'IN_REVIEW';
  }
  await acts.recordChange(c);
}

/** The change agreement: version n+1, stale tasks reissued, re-planning where work is done. */
async function agree(run: OrderRun, c: ChangeRequest): Promise<void> {
  const { s } = run;
  s.order = applyRevision(s.order, c.changes as OrderRevision);
  s.version += 1;
  s.risk.changeCount += 1;
  c.status = 'AGREED';
  c.decidedAt = now().toISOString();
  c.agreement = { version: s.version, total: orderTotal(s.order), currency: s.order.currency, deliveryDate: s.order.requestedDeliveryDate };
  await acts.recordOrderVersion({
    orderNo: run.input.orderNo,
    version: s.version,
    order: s.order,
    reason: `change ${c.seq}: ${c.reason}`,
    by: c.requestedBy,
    at: c.decidedAt,
  });
  await acts.recordChange(c);

  const touched = new Set(c.departments);
  const stale = Object.values(s.tasks).filter((t) => !isFinal(t) && touched.has(t.department) && !sideKinds.has(t.kind));
  const reissued = stale.map((t) => ({
    ...newTask(
      run,
      {
        kind: t.kind,
        step: t.step,
        round: t.round,
        department: t.department,
        title: `${t.title} (order v${s.version})`,
        requiredRole: t.requiredRole,
        context: { ...t.context, version: s.version, reissuedFor: c.id },
      },
      new Date(Math.max(Date.parse(t.dueAt), workingDaysFrom(run, now(), policyOf(run).changes.replanWorkingDays).getTime())),
    ),
    id: `${t.id}.c${c.seq}`,
  }));
  // The reissued tasks stand in the state before any wait, so no step ever sees a gap.
  for (const t of reissued) s.tasks[t.id] = t;
  stale.forEach((t, i) => {
    s.replacedBy[t.id] = reissued[i].id;
  });
  await cancelOpenTasks(run, `made stale by change ${c.seq}`, (t) => stale.includes(t) || stale.some((x) => isEscalationOf(t, x.id)));
  if (reissued.length) await acts.openTasks(reissued);

  const done = new Set(
    Object.values(s.tasks)
      .filter((t) => t.status === 'COMPLETED' && !sideKinds.has(t.kind) && t.kind !== 'review')
      .map((t) => t.department),
  );
  const replan = [...touched].filter((d) => done.has(d));
  await openTasks(
    run,
    replan.map((department) =>
      newTask(
        run,
        {
          kind: 're_planning',
          step: `change-${c.seq}-replan`,
          round: 1,
          department,
          title: `Re-plan for change ${c.seq} on order ${run.input.orderNo} (version ${s.version})`,
          context: { changeId: c.id, changes: c.changes, agreement: c.agreement },
        },
        workingDaysFrom(run, now(), policyOf(run).changes.replanWorkingDays),
      ),
    ),
  );
  await notifyDepartments(
    run,
    'change_agreed',
    `c${c.seq}`,
    [...touched, 'sales'],
    `Change ${c.seq} agreed on order ${run.input.orderNo}: version ${s.version}`,
    { change: c.changes, agreement: c.agreement },
  );
  await reassessRisk(run, 'change');
}
