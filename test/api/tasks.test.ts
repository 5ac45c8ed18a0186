import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tasks as tasksTable } from '../../src/db/schema';
import type { Actor } from '../../workflows/order/types';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';

// Department inboxes and task completion through the API, against the real dev server,
// worker and database.

const bed = useStack();

const post: ReturnType<typeof requests>['post'] = (...args) => requests(bed.app).post(...args);
const get: ReturnType<typeof requests>['get'] = (...args) => requests(bed.app).get(...args);

async function orderInReview() {
  const res = await post('/orders', actors.sales, sampleOrder());
  expect(res.statusCode).toBe(201);
  const { orderNo } = res.json<{ orderNo: string }>();
  const tasks = await eventually(async () => {
    const items = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as { id: string; department: string }[];
    return items.length === 5 ? items : undefined;
  }, `review tasks of ${orderNo}`);
  const of = (department: string) => tasks.find((t) => t.department === department)!;
  return { orderNo, tasks, of };
}

const complete = (id: string, actor: Actor, outcome: string, data?: unknown, headers?: Record<string, string>) =>
  post(`/tasks/${encodeURIComponent(id)}/complete`, actor, { outcome, ...(data ? { data } : {}) }, headers);

describe('inboxes', () => {
  it('scopes inboxes to departments; auditors see all', async () => {
    const { orderNo } = await orderInReview();
    const mine = (await get(`/tasks?orderNo=${orderNo}`, actors.production)).json().items;
    expect(mine.map((t: { department: string }) => t.department)).toEqual(['production']);
    const foreign = await get('/tasks?department=finance', actors.production);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toBe('you do not work in finance');
    const all = (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items;
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual({
      id: expect.stringMatching(new RegExp(`^${orderNo}\\.review\\.r1\\.`)),
      orderNo,
      subject: null,
      department: expect.any(String),
      kind: 'review',
      title: expect.stringContaining(orderNo),
      status: 'OPEN',
      priority: 'normal',
      dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T10:00:00\.000Z$/),
      overdue: false,
      assignee: null,
      outcomes: ['approve', 'reject', 'infeasible'],
      markers: [],
    });
  });

  it('describes each task with outcomes and JSON Schema forms', async () => {
    const { of } = await orderInReview();
    const res = await get(`/tasks/${encodeURIComponent(of('quality').id)}`, actors.auditor);
    expect(res.statusCode).toBe(200);
    const task = res.json();
    expect(task.outcomes).toEqual(['approve', 'reject', 'infeasible']);
    expect(task.form.type).toBe('object');
    expect(task.forms.reject.required).toEqual(['reasons']);
    expect((await get('/tasks/nope', actors.auditor)).statusCode).toBe(404);
  });
});

describe('completion', () => {
  it('answers completion with 200, 400, 403, 404 and 409 as the contract says', async () => {
    const { of } = await orderInReview();
    const quality = of('quality');
    const finance = of('finance');

    expect((await complete('SO-00000000-0000.review.r1.quality', actors.quality, 'approve')).statusCode).toBe(404);
    expect((await complete(finance.id, actors.quality, 'approve')).statusCode).toBe(403);
    const noReasons = await complete(quality.id, actors.quality, 'reject');
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().error.message).toMatch(/reasons/);
    expect((await complete(quality.id, actors.quality, 'perhaps')).statusCode).toBe(400);
    const extra = await post(`/tasks/${encodeURIComponent(quality.id)}/complete`, actors.quality, { outcome: 'approve', extra: 1 });
    expect(extra.statusCode).toBe(400);
    expect((await post(`/tasks/${encodeURIComponent(quality.id)}/complete`, actors.auditor, { outcome: 'approve' })).statusCode).toBe(403);

    const ok = await complete(quality.id, actors.quality, 'approve', { notes: 'inspection plan attached' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id: quality.id,
      status: 'COMPLETED',
      outcome: 'approve',
      data: { notes: 'inspection plan attached' },
      completedBy: { sub: actors.quality.sub, name: actors.quality.name },
    });
    const again = await complete(quality.id, actors.quality, 'approve');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TASK_NOT_OPEN');
  });

  it('lets exactly one of two concurrent completions win; the other gets 409', async () => {
    const { of } = await orderInReview();
    const production = of('production');
    const results = await Promise.all([
      complete(production.id, actors.production, 'approve'),
      complete(production.id, actors.productionHead, 'reject', { reasons: ['no capacity'] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = await bed.stack.database.db.select().from(tasksTable).where(eq(tasksTable.id, production.id));
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect(row.outcome).toBe(winner.outcome);
  });

  it('returns the first result to a repeated completion with the same Idempotency-Key', async () => {
    const { of } = await orderInReview();
    const engineering = of('engineering');
    const first = await complete(engineering.id, actors.engineering, 'approve', undefined, { 'idempotency-key': 'once' });
    const second = await complete(engineering.id, actors.engineering, 'approve', undefined, { 'idempotency-key': 'once' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json().completedAt).toBe(first.json().completedAt);
  });

  it('claims a task for one person; others in the department then get 409', async () => {
    const { of } = await orderInReview();
    const production = of('production');
    const claim = await post(`/tasks/${encodeURIComponent(production.id)}/claim`, actors.production);
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ status: 'CLAIMED', assignee: actors.production.sub });
    expect((await complete(production.id, actors.productionHead, 'approve')).statusCode).toBe(409);
    expect((await complete(production.id, actors.production, 'approve')).statusCode).toBe(200);
  });
});
