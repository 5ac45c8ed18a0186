import { finding, type CheckContext, type Finding, type OrderFacts } from './facts';

// 002 §4.1: the order, its production plan and its shipments agree (quantity, spec, dates),
// and the invoices do not exceed the contract.

const orderedQuantity = (f: OrderFacts): number => f.order.items.reduce((sum, i) => sum + i.quantity, 0);

export function checkAccuracy(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = [...planFindings(f, ctx), ...shipmentFindings(f, ctx)];
  if (f.invoicedTotal > f.contractTotal + 0.005) {
    out.push(
      finding({
        check: 'accuracy',
        orderNo: f.orderNo,
        code: 'over-invoiced',
        severity: 'high',
        department: ctx.departments.finance,
        content: `Invoices total ${f.invoicedTotal.toFixed(2)}, more than the contract's ${f.contractTotal.toFixed(2)}`,
      }),
    );
  }
  return out;
}

function planFindings(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const base = { check: 'accuracy' as const, orderNo: f.orderNo };
  if (f.plan) {
    const planned = f.plan.batches.reduce((sum, b) => sum + b.quantity, 0);
    if (planned !== orderedQuantity(f)) {
      out.push(
        finding({
          ...base,
          code: 'plan-quantity',
          severity: 'medium',
          department: ctx.departments.progress,
          content: `The production plan covers ${planned} units; the order is for ${orderedQuantity(f)}`,
        }),
      );
    }
    const lastEnd = f.plan.batches
      .map((b) => b.plannedEnd)
      .sort()
      .at(-1);
    if (lastEnd && lastEnd > f.order.requestedDeliveryDate) {
      out.push(
        finding({
          ...base,
          code: 'plan-date',
          severity: 'medium',
          department: ctx.departments.progress,
          content: `The plan ends on ${lastEnd}, after the requested delivery date ${f.order.requestedDeliveryDate}`,
        }),
      );
    }
  }
  return out;
}

function shipmentFindings(f: OrderFacts, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const base = { check: 'accuracy' as const, orderNo: f.orderNo };
  f.shipments.forEach((s, i) => {
    if (s.quantityMatches === false || s.specMatches === false) {
      out.push(
        finding({
          ...base,
          code: `shipment-${i + 1}-mismatch`,
          severity: 'high',
          department: ctx.departments.logistics,
          content: `Shipment ${i + 1} does not match the order's ${s.quantityMatches === false ? 'quantity' : 'spec'}`,
        }),
      );
    }
    if (!s.outboundNoteNo) {
      out.push(
        finding({
          ...base,
          code: `shipment-${i + 1}-outbound-note`,
          severity: 'medium',
          department: ctx.departments.logistics,
          content: `Shipment ${i + 1} has no outbound note`,
        }),
      );
    }
    if (s.outboundNoteNo && !s.deliveryNoteNo && ['DELIVERED', 'CLOSED'].includes(f.status)) {
      out.push(
        finding({
          ...base,
          code: `shipment-${i + 1}-tracking`,
          severity: 'medium',
          department: ctx.departments.logistics,
          content: `Shipment ${i + 1} was delivered without a delivery note or tracking number`,
        }),
      );
    }
  });
  return out;
}
