import { now, policyOf, workingDaysFromNow } from './clock';
import { notifyDepartments } from './notify';
import { applyRevision, orderTotal, type OrderRevision } from './order-input';
import { acts } from './projection';
import { reassessRisk } from './risk-assessment';
import type { OrderRun } from './run';
import { cancelOpenTasks, isEscalationOf, isFinal, newTask, openTasks, ref } from './task-engine';
import type { ChangeRequest } from './types';

// 000 §6.3: an agreed change makes order version n+1 with the new total and date; open
// tasks the change makes stale are cancelled and reissued, and departments already past
// the changed step re-plan.

/** Tasks that are not steps of the process itself; a change neither reissues nor re-plans them. */
export const sideKinds = new Set(['escalation', 'risk_plan', 'change_approval', 'change_review', 'change_renegotiation', 're_planning']);

/** The change agreement: version n+1, stale tasks reissued, re-planning where work is done. */
export async function agreeChange(run: OrderRun, c: ChangeRequest): Promise<void> {
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
        ...ref(t.kind, t.round, t.department, { step: t.step, requiredRole: t.requiredRole }),
        title: `${t.title} (order v${s.version})`,
        context: { ...t.context, version: s.version, reissuedFor: c.id },
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
          ...ref('re_planning', 1, department, { step: `change-${c.seq}-replan` }),
          title: `Re-plan for change ${c.seq} on order ${run.input.orderNo} (version ${s.version})`,
          context: { changeId: c.id, changes: c.changes, agreement: c.agreement },
        },
        workingDaysFromNow(run, policyOf(run).changes.replanWorkingDays),
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
