import type { OrderInput, OrderRevision } from '../../src/orders/schema';

// The customer order inside the workflow: validated at the API, read and revised here.

export type { OrderInput, OrderRevision };

/** A revision replaces whole top-level fields (null removes an optional one); the kind of order cannot change. */
export function applyRevision(order: OrderInput, revision: OrderRevision): OrderInput {
  const next: Record<string, unknown> = { ...order };
  for (const [key, value] of Object.entries(revision)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as OrderInput;
}

export function orderTotal(order: OrderInput): number {
  return order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}
