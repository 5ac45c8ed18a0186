import type { Instalment, InstalmentTerm, ReceivablesView } from './types';

// The arithmetic of receivables, pure: instalment amounts from the terms (the last takes
// the rounding), where a payment goes, and the totals.

const cents = (n: number) => Math.round(n * 100) / 100;

export function instalmentsOf(terms: InstalmentTerm[], contractTotal: number): Instalment[] {
  let left = cents(contractTotal);
  return terms.map((t, i) => {
    const amount = i === terms.length - 1 ? left : cents((contractTotal * t.percent) / 100);
    left = cents(left - amount);
    return { ...t, seq: i + 1, amount, paid: 0, status: 'PENDING' };
  });
}

/** The instalment a payment pays: the one named, else the earliest not fully paid. */
export function instalmentFor(instalments: Instalment[], named?: number): Instalment | undefined {
  if (named !== undefined) return instalments.find((i) => i.seq === named);
  return instalments.find((i) => i.paid < i.amount) ?? instalments.at(-1);
}

export function totals(v: Pick<ReceivablesView, 'invoices' | 'payments' | 'contractTotal'>) {
  const invoicedTotal = cents(v.invoices.reduce((s, i) => s + i.amount, 0));
  const paidTotal = cents(v.payments.reduce((s, p) => s + p.amount, 0));
  return { invoicedTotal, paidTotal, outstanding: cents(v.contractTotal - paidTotal) };
}

export const isPaid = (i: Instalment) => i.paid + 0.005 >= i.amount;
