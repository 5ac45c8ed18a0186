import { describe, expect, it } from 'vitest';
import { diffOrders } from '../../src/orders/version-diff';

const item = (sku: string, overrides: Record<string, unknown> = {}) => ({
  sku,
  description: 'Ball valve',
  spec: 'DN50',
  quantity: 400,
  unit: 'pcs',
  unitPrice: 182.5,
  ...overrides,
});

describe('diffOrders', () => {
  it('reports nothing for equal orders, whatever the key order', () => {
    const a = { currency: 'CNY', customer: { id: 'C1', name: 'X' }, items: [item('VB-200')] };
    const b = { items: [item('VB-200')], customer: { name: 'X', id: 'C1' }, currency: 'CNY' };
    expect(diffOrders(a, b)).toEqual([]);
  });

  it('reports top-level fields that changed, were added or removed, comparing deeply', () => {
    const diff = diffOrders(
      { requestedDeliveryDate: '2026-12-01', customer: { id: 'C1', name: 'X' }, notes: 'old' },
      { requestedDeliveryDate: '2026-12-15', customer: { id: 'C1', name: 'Y' }, paymentTerms: 'net 30' },
    );
    expect(diff).toEqual([
      { field: 'requestedDeliveryDate', before: '2026-12-01', after: '2026-12-15' },
      { field: 'customer', before: { id: 'C1', name: 'X' }, after: { id: 'C1', name: 'Y' } },
      { field: 'notes', before: 'old', after: undefined },
      { field: 'paymentTerms', before: undefined, after: 'net 30' },
    ]);
  });

  it('compares items by SKU, field by field, and names added and removed items', () => {
    const diff = diffOrders(
      { items: [item('VB-200'), item('GV-100', { quantity: 10 })] },
      { items: [item('VB-200', { quantity: 500, spec: 'DN65' }), item('CV-300')] },
    );
    expect(diff).toEqual([
      { field: 'items[VB-200].spec', before: 'DN50', after: 'DN65' },
      { field: 'items[VB-200].quantity', before: 400, after: 500 },
      { field: 'items[GV-100]', before: item('GV-100', { quantity: 10 }), after: undefined },
      { field: 'items[CV-300]', before: undefined, after: item('CV-300') },
    ]);
  });

  it('ignores a mere reordering of items', () => {
    expect(diffOrders({ items: [item('A'), item('B')] }, { items: [item('B'), item('A')] })).toEqual([]);
  });

  it('falls back to the whole list when items cannot be keyed by SKU', () => {
    const before = { items: [{ quantity: 1 }] };
    const after = { items: [{ quantity: 2 }] };
    expect(diffOrders(before, after)).toEqual([{ field: 'items', before: before.items, after: after.items }]);
  });
});
