import type { OrderInput, OrderRevision } from '../../src/orders/schema';

// The customer order inside the workflow: validated at the API, read and revised here.

export type { OrderInput, OrderRevision };

/** A revision replaces whole top-level fields; the kind of order cannot change. */
export function applyRevision(order: OrderInput, revision: OrderRevision): OrderInput {
  const next: OrderInput = { ...order };
  for (const [key, value] of Object.entries(revision)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

export function orderTotal(order: OrderInput): number {
  return order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}
