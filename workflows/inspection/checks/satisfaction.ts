import { finding, type CheckContext, type Finding, type OrderFacts } from './facts';

// 002 §4.4: acceptance results and scores, and complaints.

export function checkSatisfaction(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const base = { check: 'satisfaction' as const, orderNo: f.orderNo };
  if (f.acceptance && !f.acceptance.accepted) {
    out.push(
      finding({
        ...base,
        code: 'acceptance-failed',
        severity: 'high',
        department: ctx.departments.service,
        content: `The customer did not accept the delivery: ${(f.acceptance.issues ?? []).join('; ') || 'no reason given'}`,
      }),
    );
  }
  const score = f.acceptance?.satisfaction;
  if (score !== undefined && score < ctx.minSatisfaction) {
    out.push(
      finding({
        ...base,
        code: 'low-score',
        severity: 'medium',
        department: ctx.departments.service,
        content: `The customer scored the order ${score} of 5, below ${ctx.minSatisfaction}`,
      }),
    );
  }
  if (f.complaints > 0) {
    out.push(
      finding({
        ...base,
        code: 'complaints',
        severity: 'medium',
        department: ctx.departments.service,
        content: `The customer complained ${f.complaints} time(s) about the order`,
      }),
    );
  }
  return out;
}
