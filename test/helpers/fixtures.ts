import { buildPolicy } from '../../src/policy/load';
import type { OrderInput } from '../../src/orders/schema';
import type { Actor, OrderWorkflowInput } from '../../workflows/order/types';
import type { PolicyInput } from '../../src/policy/schema';

export const actors = {
  sales: { sub: 'sally', name: 'Sally', departments: ['sales'], roles: ['staff'] },
  salesHead: { sub: 'hank', name: 'Hank', departments: ['sales'], roles: ['head'] },
  production: { sub: 'pete', name: 'Pete', departments: ['production'], roles: ['staff'] },
  productionHead: { sub: 'paula', name: 'Paula', departments: ['production'], roles: ['head'] },
  procurement: { sub: 'pam', name: 'Pam', departments: ['procurement'], roles: ['staff'] },
  engineering: { sub: 'eve', name: 'Eve', departments: ['engineering'], roles: ['staff'] },
  quality: { sub: 'quinn', name: 'Quinn', departments: ['quality'], roles: ['staff'] },
  finance: { sub: 'fay', name: 'Fay', departments: ['finance'], roles: ['staff'] },
  management: { sub: 'mona', name: 'Mona', departments: ['management'], roles: ['head'] },
  auditor: { sub: 'ada', name: 'Ada', departments: ['audit'], roles: ['auditor'] },
} satisfies Record<string, Actor>;

export const reviewers: Record<string, Actor> = {
  production: actors.production,
  procurement: actors.procurement,
  engineering: actors.engineering,
  quality: actors.quality,
  finance: actors.finance,
};

/** A routine order due far enough out that no urgency rule applies. */
export function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  const due = new Date(Date.now() + 120 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return {
    customer: { id: 'CUST-001', name: 'Hangzhou Valve Works' },
    items: [{ sku: 'VB-200', description: 'Ball valve', spec: 'DN50 PN16 stainless 304', quantity: 400, unit: 'pcs', unitPrice: 182.5 }],
    currency: 'CNY',
    requestedDeliveryDate: due,
    deliveryAddress: 'No. 8 Binjiang Road, Hangzhou',
    paymentTerms: '30% deposit, 70% before shipment',
    qualityRequirements: 'GB/T 12237 pressure test',
    kind: 'routine',
    ...overrides,
  };
}

export function workflowInput(
  orderNo: string,
  policy: PolicyInput = {},
  order: OrderInput = sampleOrder(),
  receivedAt = new Date(),
): OrderWorkflowInput {
  return {
    orderNo,
    order,
    classification: { kind: order.kind, urgent: false, urgentRules: [] },
    policy: buildPolicy(policy),
    receivedAt: receivedAt.toISOString(),
    receivedBy: { sub: actors.sales.sub, name: actors.sales.name },
  };
}
