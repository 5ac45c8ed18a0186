import { finding, productionStarted, type CheckContext, type Finding, type OrderFacts } from './facts';

// 002 §4.2: the approval chain is complete before production (every review sign-off, the
// legal review and the customer's signature), each agreed change had its head approval,
// and payments follow the contract's terms.

export function checkCompliance(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = approvalChainFindings(f, ctx);
  const base = { check: 'compliance' as const, orderNo: f.orderNo };
  for (const c of f.changes.filter((x) => x.status === 'AGREED' && !x.headApproved)) {
    out.push(
      finding({
        ...base,
        code: `change-${c.id}-approval`,
        severity: 'high',
        department: ctx.departments.sales,
        content: `Change ${c.id} was agreed without the sales head's approval`,
      }),
    );
  }
  for (const i of f.instalments.filter((x) => x.dueDate && x.dueDate < ctx.today && x.paid + 0.005 < x.amount)) {
    out.push(
      finding({
        ...base,
        code: `instalment-${i.seq}-overdue`,
        severity: 'medium',
        department: ctx.departments.finance,
        content: `Instalment ${i.seq} (${i.percent}%) was due on ${i.dueDate}; ${(i.amount - i.paid).toFixed(2)} is unpaid`,
      }),
    );
  }
  return out;
}

function approvalChainFindings(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const base = { check: 'compliance' as const, orderNo: f.orderNo };
  if (productionStarted(f.status)) {
    const missing = f.reviewDepartments.filter((d) => !f.approvedBy.includes(d));
    if (missing.length) {
      out.push(
        finding({
          ...base,
          code: 'review-sign-off',
          severity: 'high',
          department: ctx.departments.sales,
          content: `Production started without the review sign-off of ${missing.join(', ')}`,
        }),
      );
    }
    if (!f.contract.legalApproved) {
      out.push(
        finding({
          ...base,
          code: 'legal-review',
          severity: 'high',
          department: ctx.departments.sales,
          content: 'Production started without the legal review of the contract',
        }),
      );
    }
    if (!f.contract.signed) {
      out.push(
        finding({
          ...base,
          code: 'signature',
          severity: 'high',
          department: ctx.departments.sales,
          content: "Production started without the customer's signature on the contract",
        }),
      );
    }
  }
  return out;
}
