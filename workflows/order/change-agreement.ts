import { patched } from '@temporalio/workflow';
import { reviseAfterChange } from './change-follow-up';
import { changedFields } from './change-requests';
import { now, policyOf, workingDaysFromNow } from './clock';
import { notifyDepartments } from './notify';
import { applyRevision, orderTotal } from './order-input';
import { acts } from './projection';
import { reassessRisk } from './risk-assessment';
import type { OrderRun } from './run';
import { cancelOpenTasks, isEscalationOf, isFinal, newTask, openTasks, ref } from './task-engine';
import type { ChangeRequest, Task } from './types';
import { followChangeUrgency } from './urgency';

// 000 §6.3: an agreed change makes order version n+1 with the new total and date; open
// tasks the change makes stale are cancelled and reissued, and departments already past
// the changed step re-plan.

/** Tasks that are not steps of the process itself; a change neither reissues nor re-plans them. */
export const sideKinds = new Set([
  'escalation',
  'risk_plan',
  'change_approval',
  'change_review',
  'change_renegotiation',
  're_planning',
  're_costing',
  'plan_revision',
]);

/** The change agreement: version n+1, stale tasks reissued, re-planning where work is done. */
export async function agreeChange(run: OrderRun, c: ChangeRequest): Promise<void> {
  const { s } = run;
  const fields = changedFields(s.order, c.changes);
  s.order = applyRevision(s.order, c.changes);
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
  // Orders agreed before these rules keep the re-planning they had.
  const followUps = patched('change-recost-and-replan');
  if (patched('urgency-follows-changes')) await followChangeUrgency(run, c, fields);
  await reissueStale(run, c);
  await replan(run, c, followUps);
  await notifyDepartments(
    run,
    'change_agreed',
    `c${c.seq}`,
    [...c.departments, 'sales'],
    `Change ${c.seq} agreed on order ${run.input.orderNo}: version ${s.version}`,
    { change: c.changes, agreement: c.agreement },
  );
  await reassessRisk(run, 'change');
  if (followUps) await reviseAfterChange(run, c, fields);
}

/** Open tasks of the departments the change touches are cancelled and reissued for the new version. */
async function reissueStale(run: OrderRun, c: ChangeRequest): Promise<void> {
  const { s } = run;
  const touched = new Set(c.departments);
  const stale = Object.values(s.tasks).filter((t) => !isFinal(t) && touched.has(t.department) && !sideKinds.has(t.kind));
  const reissued = stale.map((t) => ({
    ...newTask(
      run,
      {
        ...ref(t.kind, t.round, t.department, { step: t.step, requiredRole: t.requiredRole }),
        title: `${t.title} (order v${s.version})`,
        context: { ...withoutMarkers(t), version: s.version, reissuedFor: c.id },
      },
      new Date(Math.max(Date.parse(t.dueAt), workingDaysFromNow(run, policyOf(run).changes.replanWorkingDays).getTime())),
    ),
    id: `${t.id}.c${c.seq}`,
  }));
  // The reissued tasks stand in the state before any wait, so no step ever sees a gap.
  for (const t of reissued) s.tasks[t.id] = t;
  stale.forEach((t, i) => {
    s.replacedBy[t.id] = reissued[i].id;
  });
  if (reissued.length) s.deadlineEpoch = (s.deadlineEpoch ?? 0) + 1;
  await cancelOpenTasks(run, `made stale by change ${c.seq}`, (t) => stale.includes(t) || stale.some((x) => isEscalationOf(t, x.id)));
  if (reissued.length) await acts.openTasks(reissued);
}

/** The urgent lane's markers are set anew for each task; a reissued task must not keep stale ones. */
function withoutMarkers(t: Task): Record<string, unknown> {
  const { markers: _markers, ...context } = t.context ?? {};
  return context;
}

/**
 * Departments already past the changed step re-plan. Since 'change-recost-and-replan',
 * finance re-costs and production revises its plan instead (change-follow-up.ts).
 */
async function replan(run: OrderRun, c: ChangeRequest, followUps: boolean): Promise<void> {
  const { s } = run;
  const done = new Set(
    Object.values(s.tasks)
      .filter((t) => t.status === 'COMPLETED' && !sideKinds.has(t.kind) && t.kind !== 'review')
      .map((t) => t.department),
  );
  const replanners = c.departments.filter((d) => done.has(d) && !(followUps && (d === 'finance' || (d === 'production' && s.plan))));
  await openTasks(
    run,
    replanners.map((department) =>
      newTask(
        run,
        {
          ...ref('re_planning', 1, department, { step: `change-${c.seq}-replan` }),
          title: `Re-plan for change ${c.seq} on order ${run.input.orderNo} (version ${s.version})`,
          context: { changeId: c.id, changes: c.changes, agreement: c.agreement },
        },
        workingDaysFromNow(run, policyOf(run).changes.replanWorkingDays),
      ),
    ),
  );
}
