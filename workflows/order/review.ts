import { acts, newTask, now, openTasks, policyOf, setStatus, workingDaysFrom, type OrderState } from './state';
import { awaitTasks } from './deadlines';
import { applyRevision, type OrderRevision } from './schema';
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

export function reviewDepartments(state: OrderState): string[] {
  const { review } = policyOf(state);
  return state.input.classification.kind === 'complex'
    ? [...review.routineDepartments, ...review.complexExtraDepartments]
    : [...review.routineDepartments];
}

export type RoundResult = { result: 'passed' } | { result: 'rejected'; rejections: Task[] } | { result: 'cancelled' };

export async function reviewRound(state: OrderState): Promise<RoundResult> {
  state.round += 1;
  await setStatus(state, 'IN_REVIEW');
  const { deadlines } = policyOf(state);
  const days = state.input.classification.kind === 'complex' ? deadlines.complexReviewWorkingDays : deadlines.routineReviewWorkingDays;
  const dueAt = workingDaysFrom(state, now(), days);
  const ids = await openTasks(state, reviewDepartments(state).map((department) => newTask(state, {
    kind: 'review',
    step: 'review',
    department,
    title: `Review order ${state.input.orderNo} v${state.version} (round ${state.round}): ${reviewFocus[department] ?? department}`,
    dueAt,
    context: { version: state.version, focus: reviewFocus[department] ?? department },
  })));

  await awaitTasks(state, ids, dueAt);
  if (state.cancel) return { result: 'cancelled' };

  const answers = ids.map((id) => state.tasks[id]);
  const rejections = answers.filter((t) => t.outcome === 'reject');
  if (rejections.length > 0) return { result: 'rejected', rejections };

  const signOffs: SignOff[] = answers.map((t) => ({
    department: t.department,
    outcome: t.outcome ?? 'approve',
    by: t.completedBy ?? { sub: 'unknown', name: 'unknown' },
    at: t.completedAt ?? now().toISOString(),
  }));
  await acts.recordSignOffs({ orderNo: state.input.orderNo, round: state.round, signOffs });
  return { result: 'passed' };
}

/** Sales gets one task carrying every department's reasons and suggestions. */
export async function renegotiate(state: OrderState, rejections: Task[]): Promise<'revised' | 'cancelled'> {
  await setStatus(state, 'RENEGOTIATING');
  const dueAt = workingDaysFrom(state, now(), policyOf(state).deadlines.renegotiationWorkingDays);
  const [id] = await openTasks(state, [newTask(state, {
    kind: 'renegotiation',
    step: 'renegotiation',
    department: 'sales',
    title: `Renegotiate order ${state.input.orderNo}: ${rejections.length} department(s) rejected round ${state.round}`,
    dueAt,
    context: {
      version: state.version,
      rejections: rejections.map((t) => ({
        department: t.department,
        reasons: t.data?.reasons ?? [],
        suggestions: t.data?.suggestions ?? [],
        by: t.completedBy,
      })),
    },
  })]);

  await awaitTasks(state, [id], dueAt);
  if (state.cancel) return 'cancelled';
  const answer = state.tasks[id];
  const by = answer.completedBy ?? { sub: 'unknown', name: 'unknown' };
  if (answer.outcome === 'cancel') {
    state.cancel = { by, reason: String(answer.data?.reason ?? 'cancelled in renegotiation'), at: answer.completedAt ?? now().toISOString() };
    return 'cancelled';
  }
  const revision = (answer.data?.revision ?? {}) as OrderRevision;
  state.order = applyRevision(state.order, revision);
  state.version += 1;
  await acts.recordOrderVersion({
    orderNo: state.input.orderNo,
    version: state.version,
    order: state.order,
    reason: String(answer.data?.summary ?? 'revised after review'),
    by,
    at: now().toISOString(),
  });
  return 'revised';
}
