import { finding, type CheckContext, type Finding, type OrderFacts } from './facts';

// 002 §4.3: every high-risk order has a risk plan with an owner, and its measures were
// carried out by their dates.

export function checkRisk(f: OrderFacts, ctx: CheckContext): Finding[] {
  if (!f.risk || f.risk.level !== 'high') return [];
  const base = { check: 'risk' as const, orderNo: f.orderNo };
  const department = f.risk.ownerDepartment || ctx.departments.risk;
  const withOwner = f.risk.plans.filter((p) => p.owner);
  if (withOwner.length === 0) {
    return [
      finding({
        ...base,
        code: 'plan-owner',
        severity: 'high',
        department,
        content: 'The order is high risk but no risk plan names an owner',
      }),
    ];
  }
  return withOwner
    .filter((p) => p.dueDate && p.dueDate < ctx.today && !p.done)
    .map((p, i) =>
      finding({
        ...base,
        code: `measures-${i + 1}-late`,
        severity: 'medium',
        department,
        content: `Risk measures owned by ${p.owner} were due on ${p.dueDate} and are not carried out: ${p.measures.join('; ')}`,
      }),
    );
}
