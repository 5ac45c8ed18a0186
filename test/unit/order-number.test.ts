import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateOrderNumber, formatOrderNumber } from '../../src/orders/order-number';
import { buildPolicy } from '../../src/policy/load';
import type { Database } from '../../src/db/client';
import type { Policy } from '../../workflows/policy';
import { createTestDatabase } from '../helpers/db';

const defaultRule = buildPolicy().policy.orderNumber;

describe('formatOrderNumber', () => {
  it('renders the default rule', () => {
    expect(formatOrderNumber(defaultRule, '2026-11-22', 1)).toBe('SO-20261122-0001');
    expect(formatOrderNumber(defaultRule, '2025-01-05', 42)).toBe('SO-20250105-0042');
    expect(formatOrderNumber(defaultRule, '2025-12-31', 9999)).toBe('SO-20251231-9999');
  });

  it('does not truncate a sequence wider than the digits', () => {
    expect(formatOrderNumber(defaultRule, '2025-12-31', 12345)).toBe('SO-20251231-12345');
  });

  it('renders a custom pattern, repeated tokens included', () => {
    const rule: Policy['orderNumber'] = { pattern: '{yyyy}/{mm}/{prefix}{dd}-{seq}', prefix: 'PO7', sequenceDigits: 6 };
    expect(formatOrderNumber(rule, '2026-03-09', 17)).toBe('2026/03/PO709-000017');
    const twice: Policy['orderNumber'] = { pattern: '{prefix}{yyyy}-{seq}-{prefix}', prefix: 'X', sequenceDigits: 2 };
    expect(formatOrderNumber(twice, '2026-03-09', 3)).toBe('X2026-03-X');
  });

  it('follows a policy override', () => {
    const rule = buildPolicy({ orderNumber: { prefix: 'EXP', sequenceDigits: 3 } }).policy.orderNumber;
    expect(formatOrderNumber(rule, '2026-02-14', 7)).toBe('EXP-20260214-007');
  });
});

describe('allocateOrderNumber', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('numbers one day 0001, 0002, … and restarts for another day', async () => {
    const { db } = database;
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-12')).toBe('SO-20251112-0001');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-12')).toBe('SO-20251112-0002');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-12')).toBe('SO-20251112-0003');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-13')).toBe('SO-20251113-0001');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-12')).toBe('SO-20251112-0004');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-13')).toBe('SO-20251113-0002');
  });

  it('keeps a separate sequence per prefix', async () => {
    const { db } = database;
    const export_: Policy['orderNumber'] = { ...defaultRule, prefix: 'EX' };
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-20')).toBe('SO-20251120-0001');
    expect(await allocateOrderNumber(db, export_, '2025-11-20')).toBe('EX-20251120-0001');
    expect(await allocateOrderNumber(db, defaultRule, '2025-11-20')).toBe('SO-20251120-0002');
  });

  it('allocates inside a transaction and gives the number back on rollback', async () => {
    const { db } = database;
    await expect(
      db.transaction(async (tx) => {
        expect(await allocateOrderNumber(tx, defaultRule, '2025-11-21')).toBe('SO-20251121-0001');
        throw new Error('intake failed');
      }),
    ).rejects.toThrow('intake failed');
    const committed = await db.transaction((tx) => allocateOrderNumber(tx, defaultRule, '2025-11-21'));
    expect(committed).toBe('SO-20251121-0001');
  });

  it('gives 20 concurrent allocations 20 distinct consecutive numbers', async () => {
    const { db } = database;
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction((tx) => allocateOrderNumber(tx, defaultRule, '2025-12-01'))),
    );
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `SO-20251201-${String(i + 1).padStart(4, '0')}`));
    expect(await allocateOrderNumber(db, defaultRule, '2025-12-01')).toBe('SO-20251201-0021');
  });
});
