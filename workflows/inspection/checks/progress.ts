import { daysBetween, finding, type CheckContext, type Finding, type OrderFacts } from './facts';

// 002 §3.3.1: the weekly operations inspection compares each milestone with the plan.

export function checkProgress(f: OrderFacts, ctx: CheckContext): Finding[] {
  if (!f.plan || ['DELIVERED', 'CLOSED', 'CANCELLED'].includes(f.status)) return [];
  return f.plan.milestones
    .filter((m) => !f.milestonesDone[m.name] && daysBetween(m.plannedDate, ctx.today) > ctx.milestoneGraceDays)
    .map((m) =>
      finding({
        check: 'progress',
        orderNo: f.orderNo,
        code: `milestone-${m.name}`,
        severity: 'medium',
        department: ctx.departments.progress,
        content: `Milestone '${m.name}' was planned for ${m.plannedDate} and is not done (${daysBetween(m.plannedDate, ctx.today)} days behind plan)`,
      }),
    );
}
