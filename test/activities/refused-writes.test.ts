import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { isPermanent } from '../../activities/failures';
import type { Database } from '../../src/db/client';
import { orders } from '../../src/db/schema';
import type { Task } from '../../workflows/order/types';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

// A write the database refuses fails at once as a typed, non-retryable failure; a lost
// connection stays retryable.

let database: Database;
let acts: ReturnType<typeof createActivities>;
const orderNo = 'SO-20261125-0077';

beforeAll(async () => {
  database = await createTestDatabase();
  acts = createActivities({ db: database.db });
  const order = sampleOrder();
  await database.db.insert(orders).values({
    orderNo,
    workflowId: `order-${orderNo}`,
    status: 'RECEIVED',
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

const task: Task = {
  id: `${orderNo}.review.r1.quality`,
  orderNo,
  department: 'quality',
  kind: 'review',
  step: 'review',
  round: 1,
  title: 'Review',
  status: 'COMPLETED',
  priority: 'normal',
  dueAt: '2026-11-27T10:00:00.000Z',
  overdue: false,
  outcomes: ['approve', 'reject'],
  createdAt: '2026-11-25T04:00:00.000Z',
  outcome: 'approve',
};

describe('refused writes', () => {
  it('fail fast as ProjectionRejected, naming the activity and the database code without the values', async () => {
    await acts.openTasks([{ ...task, status: 'OPEN', outcome: undefined }]);
    const err = await acts.recordCompletion({ ...task, comment: 'secret\u0000customer data' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure.type).toBe('ProjectionRejected');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/^recordCompletion was refused by the database \((22021|22P05|54000)\)/);
    expect(failure.message).not.toContain('secret');
  });

  it('a deadline breach of no task is refused too (a foreign key); a connection error is not permanent', async () => {
    const err = await acts
      .markOverdue({ task: { ...task, id: 'SO-NO-SUCH.review.r1.quality' }, detectedAt: new Date().toISOString() })
      .then(
        () => undefined,
        (e: unknown) => e as ApplicationFailure,
      );
    expect(err?.type).toBe('ProjectionRejected');
    expect(err?.message).toContain('(23503)');
    expect(isPermanent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanent(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(false);
  });
});
