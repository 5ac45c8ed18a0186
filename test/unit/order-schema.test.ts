import { describe, expect, it } from 'vitest';
import { applyRevision, orderTotal } from '../../workflows/order/order-input';
import { orderInputSchema, orderRevisionSchema, type OrderInput } from '../../src/orders/schema';
import { sampleOrder } from '../helpers/fixtures';

/** The paths of the issues of a failed parse. */
function issuePaths(input: unknown): string[] {
  const parsed = orderInputSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('orderInputSchema', () => {
  it('parses the sample order unchanged', () => {
    const order = sampleOrder();
    expect(orderInputSchema.parse(order)).toEqual(order);
  });

  it('parses optional fields and trims text', () => {
    const parsed = orderInputSchema.parse(
      sampleOrder({
        customer: { id: ' CUST-009 ', name: 'Ningbo Pumps', tier: 'key' },
        packagingRequirements: 'wooden crates',
        urgent: { reason: 'line stoppage' },
        kind: 'complex',
      }),
    );
    expect(parsed.customer).toEqual({ id: 'CUST-009', name: 'Ningbo Pumps', tier: 'key' });
    expect(parsed.packagingRequirements).toBe('wooden crates');
    expect(parsed.urgent).toEqual({ reason: 'line stoppage' });
    expect(parsed.kind).toBe('complex');
  });

  it('fails an unknown top-level field', () => {
    const parsed = orderInputSchema.safeParse({ ...sampleOrder(), discount: 0.1 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.error.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['discount'] });
    }
  });

  it('fails an unknown item field', () => {
    const order = sampleOrder();
    expect(issuePaths({ ...order, items: [{ ...order.items[0], colour: 'red' }] })).toEqual(['items.0']);
  });

  it('fails a negative or zero quantity', () => {
    const order = sampleOrder();
    for (const quantity of [-1, 0]) {
      expect(issuePaths({ ...order, items: [{ ...order.items[0], quantity }] })).toEqual(['items.0.quantity']);
    }
    expect(issuePaths({ ...order, items: [{ ...order.items[0], quantity: '400' }] })).toEqual(['items.0.quantity']);
    expect(issuePaths({ ...order, items: [{ ...order.items[0], unitPrice: -0.01 }] })).toEqual(['items.0.unitPrice']);
    // A free item is allowed.
    expect(orderInputSchema.safeParse({ ...order, items: [{ ...order.items[0], unitPrice: 0 }] }).success).toBe(true);
  });

  it('fails empty items', () => {
    expect(issuePaths({ ...sampleOrder(), items: [] })).toEqual(['items']);
  });

  it('fails a bad currency', () => {
    for (const currency of ['cny', 'RMB1', 'YUAN', '']) {
      expect(issuePaths({ ...sampleOrder(), currency })).toEqual(['currency']);
    }
  });

  it('fails an impossible or malformed date', () => {
    for (const requestedDeliveryDate of ['2026-02-30', '2025-02-29', '2026-13-01']) {
      const parsed = orderInputSchema.safeParse({ ...sampleOrder(), requestedDeliveryDate });
      expect(parsed.success).toBe(false);
      if (!parsed.success) {
        expect(parsed.error.issues).toEqual([
          expect.objectContaining({ path: ['requestedDeliveryDate'], message: 'expected a real calendar date as YYYY-MM-DD' }),
        ]);
      }
    }
    for (const requestedDeliveryDate of ['2026-2-3', '2026-02-03T00:00:00Z', '']) {
      expect(new Set(issuePaths({ ...sampleOrder(), requestedDeliveryDate }))).toEqual(new Set(['requestedDeliveryDate']));
    }
    expect(orderInputSchema.safeParse({ ...sampleOrder(), requestedDeliveryDate: '2028-02-29' }).success).toBe(true);
  });

  it('fails a missing or blank customer name', () => {
    const order = sampleOrder();
    expect(issuePaths({ ...order, customer: { id: 'CUST-001' } })).toEqual(['customer.name']);
    expect(issuePaths({ ...order, customer: { id: 'CUST-001', name: '   ' } })).toEqual(['customer.name']);
  });

  it('fails a missing required field and an unknown kind', () => {
    const { deliveryAddress: _omitted, ...withoutAddress } = sampleOrder();
    expect(issuePaths(withoutAddress)).toEqual(['deliveryAddress']);
    expect(issuePaths({ ...sampleOrder(), kind: 'rush' })).toEqual(['kind']);
    expect(issuePaths({ ...sampleOrder(), urgent: {} })).toEqual(['urgent.reason']);
  });
});

describe('orderRevisionSchema', () => {
  it('accepts an empty or partial revision', () => {
    expect(orderRevisionSchema.parse({})).toEqual({});
    expect(orderRevisionSchema.parse({ requestedDeliveryDate: '2026-01-15' })).toEqual({ requestedDeliveryDate: '2026-01-15' });
  });

  it('refuses a change of kind and unknown fields', () => {
    expect(orderRevisionSchema.safeParse({ kind: 'complex' }).success).toBe(false);
    expect(orderRevisionSchema.safeParse({ discount: 0.1 }).success).toBe(false);
  });

  it('applies the order rules to the fields it revises', () => {
    expect(orderRevisionSchema.safeParse({ items: [] }).success).toBe(false);
    expect(orderRevisionSchema.safeParse({ currency: 'usd' }).success).toBe(false);
    expect(orderRevisionSchema.safeParse({ requestedDeliveryDate: '2026-02-30' }).success).toBe(false);
  });
});

describe('applyRevision', () => {
  it('replaces only the given fields', () => {
    const order = sampleOrder();
    const before = structuredClone(order);
    const items = [
      { ...order.items[0], quantity: 250 },
      { ...order.items[0], sku: 'VB-250', quantity: 50 },
    ];
    const next = applyRevision(order, { items, requestedDeliveryDate: '2026-01-15' });

    expect(next).toEqual({ ...before, items, requestedDeliveryDate: '2026-01-15' });
    expect(next.items).toBe(items);
    expect(next.customer).toBe(order.customer);
    // The original order is untouched.
    expect(order).toEqual(before);
  });

  it('replaces a nested field as a whole', () => {
    const order = sampleOrder({ customer: { id: 'CUST-001', name: 'Hangzhou Valve Works', tier: 'key' } });
    const next = applyRevision(order, { customer: { id: 'CUST-001', name: 'Hangzhou Valve Works Co., Ltd.' } });
    expect(next.customer).toEqual({ id: 'CUST-001', name: 'Hangzhou Valve Works Co., Ltd.' });
  });

  it('ignores fields given as undefined and keeps the kind', () => {
    const order = sampleOrder({ kind: 'complex', urgent: { reason: 'line stoppage' } });
    const next: OrderInput = applyRevision(order, { currency: undefined, urgent: undefined, paymentTerms: 'net 60' });
    expect(next).toEqual({ ...order, paymentTerms: 'net 60' });
    expect(next.kind).toBe('complex');
    expect(applyRevision(order, {})).toEqual(order);
  });

  it('changes the total with revised items', () => {
    const order = sampleOrder();
    expect(orderTotal(order)).toBe(400 * 182.5);
    const next = applyRevision(order, { items: [{ ...order.items[0], quantity: 100, unitPrice: 200 }] });
    expect(orderTotal(next)).toBe(20_000);
  });
});
