import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createActivities } from '../../activities';
import type { Database } from '../../src/db/client';
import { deadlineBreaches, notifications, orders, signOffs, tasks } from '../../src/db/schema';
import type { Task } from '../../workflows/order/types';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

// Activities run at least once: every retry must leave the same rows as one run.

let database: Database;
let acts: ReturnType<typeof createActivities>;
const orderNo = 'SO-20261122-0042';

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: `${orderNo}.review.r1.quality`,
    orderNo,
    department: 'quality',
    kind: 'review',
    step: 'review',
    round: 1,
    title: 'Review',
    status: 'OPEN',
    priority: 'normal',
    dueAt: '2026-11-24T10:00:00.000Z',
    overdue: false,
    outcomes: ['approve', 'reject'],
    createdAt: '2026-11-22T04:00:00.000Z',
    ...overrides,
  };
}

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

describe('projection activities', () => {
  it('opens one task row per step and round however often the activity is retried', async () => {
    await acts.openTasks([task()]);
    await acts.openTasks([task({ title: 'a retry must not overwrite' })]);
    const rows = await database.db.select().from(tasks).where(eq(tasks.orderNo, orderNo));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'Review', status: 'OPEN', priority: 0, overdue: false });
    expect(rows[0].dueAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('records a missed deadline once, for the KPIs', async () => {
    const t = task();
    await acts.markOverdue({ task: t, detectedAt: '2026-11-24T10:00:00.000Z' });
    await acts.markOverdue({ task: t, detectedAt: '2026-11-24T10:00:05.000Z' });
    const breaches = await database.db.select().from(deadlineBreaches).where(eq(deadlineBreaches.orderNo, orderNo));
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ department: 'quality', kind: 'review' });
    expect(breaches[0].detectedAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const [row] = await database.db.select().from(tasks).where(eq(tasks.id, t.id));
    expect(row.overdue).toBe(true);
  });

  it('never reopens a completed task when a late cancel or claim arrives', async () => {
    const t = task({
      status: 'COMPLETED',
      outcome: 'approve',
      completedAt: '2026-11-23T02:00:00.000Z',
      completedBy: { sub: 'quinn', name: 'Quinn' },
    });
    await acts.recordCompletion(t);
    await acts.recordCompletion(t);
    await acts.cancelTasks({ ids: [t.id], reason: 'order cancelled' });
    await acts.recordClaim({ id: t.id, assignee: 'someone', claimedAt: '2026-11-23T03:00:00.000Z' });
    const [row] = await database.db.select().from(tasks).where(eq(tasks.id, t.id));
    expect(row).toMatchObject({ status: 'COMPLETED', outcome: 'approve', completedBy: 'quinn', completedByName: 'Quinn' });
  });

  it('projects status and sign-offs idempotently', async () => {
    await acts.recordStatus({ orderNo, status: 'IN_REVIEW', reviewRound: 1, at: '2026-11-22T04:00:01.000Z' });
    const signOff = { department: 'quality', outcome: 'approve', by: { sub: 'quinn', name: 'Quinn' }, at: '2026-11-23T02:00:00.000Z' };
    await acts.recordSignOffs({ orderNo, round: 1, signOffs: [signOff] });
    await acts.recordSignOffs({ orderNo, round: 1, signOffs: [signOff] });
    const [o] = await database.db.select().from(orders).where(eq(orders.orderNo, orderNo));
    expect(o).toMatchObject({ status: 'IN_REVIEW', reviewRound: 1, workflowStarted: true });
    expect(await database.db.select().from(signOffs).where(eq(signOffs.orderNo, orderNo))).toHaveLength(1);
  });

  it("writes a stage's status and its first tasks together, and a retry leaves the same rows", async () => {
    const plan = task({
      id: `${orderNo}.production-plan.r1.production`,
      department: 'production',
      kind: 'production_plan',
      step: 'production-plan',
    });
    const entry = { status: { orderNo, status: 'PLANNING' as const, reviewRound: 1, at: '2026-11-25T02:00:00.000Z' }, tasks: [plan] };
    await acts.recordStageEntry(entry);
    await acts.recordStageEntry({ ...entry, tasks: [{ ...plan, title: 'a retry must not overwrite' }] });
    const [o] = await database.db.select().from(orders).where(eq(orders.orderNo, orderNo));
    expect(o).toMatchObject({ status: 'PLANNING', reviewRound: 1 });
    expect(o.updatedAt.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    const rows = await database.db.select().from(tasks).where(eq(tasks.id, plan.id));
    expect(rows.map((r) => [r.department, r.title, r.status])).toEqual([['production', 'Review', 'OPEN']]);
  });

  it('stores a notice for each department in one write, once however often retried', async () => {
    const notice = (department: string) => ({
      id: `${orderNo}.production_plan.r1.${department}`,
      orderNo,
      topic: 'production_plan',
      audience: { department },
      subject: `Production plan for order ${orderNo}`,
      body: { batches: 2 },
      createdAt: '2026-11-25T03:00:00.000Z',
    });
    const list = ['production', 'procurement', 'quality', 'logistics'].map(notice);
    await acts.notifyDepartments(list);
    await acts.notifyDepartments(list);
    const rows = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orderNo, orderNo), eq(notifications.topic, 'production_plan')));
    expect(rows.map((r) => `${r.audience} ${r.channel} ${r.status}`).sort()).toEqual([
      'logistics feed SENT',
      'procurement feed SENT',
      'production feed SENT',
      'quality feed SENT',
    ]);
  });
});
