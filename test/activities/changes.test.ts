import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createChangeActivities } from '../../activities/changes';
import type { Database } from '../../src/db/client';
import { changeRequests, orders } from '../../src/db/schema';
import type { ChangeRequest } from '../../workflows/order/types';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

let database: Database;
let acts: ReturnType<typeof createChangeActivities>;
const orderNo = 'SO-20261122-0043';

function change(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: `${orderNo}.change.1`,
    orderNo,
    seq: 1,
    status: 'HEAD_REVIEW',
    changes: { items: [{ sku: 'VB-200', quantity: 500 }] },
    reason: 'customer needs more',
    impact: { cost: 18250, note: 'one more batch' },
    departments: ['production', 'procurement'],
    round: 1,
    opinions: [],
    requestedBy: { sub: 'sally', name: 'Sally' },
    requestedAt: '2026-11-25T02:00:00.000Z',
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  acts = createChangeActivities(database.db);
  const order = sampleOrder();
  await database.db.insert(orders).values({
    orderNo,
    workflowId: `order-${orderNo}`,
    status: 'IN_PRODUCTION',
    kind: 'routine',
    customerId: order.customer.id,
    customerName: order.customer.name,
    data: order as never,
    policyVersion: 'test',
    startInput: {},
    createdBy: 'sally',
  });
});
afterAll(async () => {
  await database?.close();
});

describe('change request projection', () => {
  it('writes one row however often it is retried, and a later state overwrites it', async () => {
    await acts.recordChange(change());
    await acts.recordChange(change());
    let rows = await database.db.select().from(changeRequests).where(eq(changeRequests.orderNo, orderNo));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'HEAD_REVIEW', seq: 1, requestedBy: 'sally', opinions: [], agreement: null, decidedAt: null });
    expect(rows[0].requestedAt.toISOString()).toBe('2026-11-25T02:00:00.000Z');

    const opinion = {
      step: 'change_review' as const,
      round: 1,
      department: 'production',
      outcome: 'approve',
      by: { sub: 'pete', name: 'Pete' },
      at: '2026-11-25T06:00:00.000Z',
    };
    await acts.recordChange(
      change({
        status: 'AGREED',
        departments: ['production'],
        opinions: [opinion],
        decidedAt: '2026-11-26T03:00:00.000Z',
        agreement: { version: 2, total: 91250, currency: 'CNY', deliveryDate: '2027-01-15' },
      }),
    );
    rows = await database.db.select().from(changeRequests).where(eq(changeRequests.orderNo, orderNo));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'AGREED',
      departments: ['production'],
      opinions: [opinion],
      agreement: { version: 2, total: 91250, currency: 'CNY', deliveryDate: '2027-01-15' },
    });
    expect(rows[0].decidedAt?.toISOString()).toBe('2026-11-26T03:00:00.000Z');
  });
});
