import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { ensureInspectionSchedules } from '../../src/temporal/schedules';
import { eventually, requests, useStack } from '../helpers/api';
import { actors, sampleOrder } from '../helpers/fixtures';

// The inspection policy through the API, against the real dev server, worker and database:
// a complaint yields an inspection, an issue and its whole loop to closed, driven only
// through the tasks' outcomes and forms; lists are scoped by department and paginated.

const bed = useStack();
const http = () => requests(bed.app);
const service = { sub: 'cass', name: 'Cass', departments: ['customer_service'], roles: ['staff'] };
const auditStaff = { sub: 'aud', name: 'Aud', departments: ['audit'], roles: ['staff'] };
type Task = { id: string; kind: string; department: string; subject: string | null; orderNo: string | null };

async function openTask(kind: string, department: string, subject?: string): Promise<Task> {
  return eventually(async () => {
    const items = (await http().get(`/tasks?department=${department}`, actors.auditor)).json().items as Task[];
    return items.find((t) => t.kind === kind && (!subject || t.subject === subject));
  }, `an open ${kind} task of ${department}`);
}

const complete = (t: Task, actor: object, outcome: string, data: object) =>
  http().post(`/tasks/${encodeURIComponent(t.id)}/complete`, actor as never, { outcome, data });

describe('inspections, complaints and the issue log through the API', () => {
  it('a complaint starts an inspection and a reply task; the confirmed finding runs as an issue to closed', async () => {
    const { orderNo } = (await http().post('/orders', actors.sales, sampleOrder())).json();
    const body = { orderNo, content: 'valves arrived late', channel: 'phone' };
    expect((await http().post('/complaints', actors.production, body)).statusCode).toBe(403);
    expect((await http().post('/complaints', actors.auditor, body)).statusCode).toBe(403);
    expect((await http().post('/complaints', service, { ...body, extra: 1 })).statusCode).toBe(400);
    expect((await http().post('/complaints', service, { ...body, orderNo: 'SO-NONE' })).statusCode).toBe(404);
    const filed = await http().post('/complaints', service, body);
    expect(filed.statusCode).toBe(201);
    const complaint = filed.json();
    expect(Date.parse(complaint.replyDueAt) - Date.parse(complaint.receivedAt)).toBe(24 * 3600 * 1000);

    const review = await openTask('inspection_review', 'customer_service', complaint.inspectionId);
    const inspection = (await http().get(`/inspections/${complaint.inspectionId}`, service)).json();
    expect(inspection).toMatchObject({ kind: 'complaint', status: 'REVIEWING', orderNos: [orderNo], complaintId: complaint.id });
    const finding = inspection.findings.find((f: { code: string }) => f.code === 'complaints');
    expect(finding).toMatchObject({ check: 'satisfaction', department: 'customer_service', orderNo });
    expect((await http().get(`/inspections/${complaint.inspectionId}`, actors.production)).statusCode).toBe(404);
    const others = inspection.findings.filter((f: { id: string }) => f.id !== finding.id);
    const decisions = [
      { findingId: finding.id, decision: 'confirm', severity: 'high' },
      ...others.map((f: { id: string }) => ({ findingId: f.id, decision: 'dismiss', reason: 'not the complaint' })),
    ];
    expect((await complete(review, service, 'done', { decisions: decisions.slice(0, 0) })).statusCode).toBe(decisions.length ? 400 : 200);
    expect((await complete(review, service, 'done', { decisions })).statusCode).toBe(200);

    const issueId = `${complaint.inspectionId}.1`;
    const reply = await openTask('complaint_reply', 'customer_service');
    expect((await complete(reply, service, 'replied', { reply: 'new shipment on Monday', channel: 'phone' })).statusCode).toBe(200);
    const cause = await openTask('root_cause', 'customer_service', issueId);
    expect(
      (await complete(cause, service, 'analysed', { rootCause: 'carrier mix-up', causeType: 'process', impact: 'two days late' }))
        .statusCode,
    ).toBe(200);
    const plan = await openTask('rectification_plan', 'customer_service', issueId);
    const tooLate = await complete(plan, service, 'planned', { measures: ['second carrier'], owner: 'Cass', dueDate: '2999-12-31' });
    expect(tooLate.statusCode).toBe(400);
    const latest = /latest allowed (\d{4}-\d{2}-\d{2})/.exec(tooLate.json().error.message)?.[1];
    expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await complete(plan, service, 'planned', { measures: ['second carrier'], owner: 'Cass', dueDate: latest })).statusCode).toBe(
      200,
    );
    expect(
      (
        await complete(await openTask('rectification_progress', 'customer_service', issueId), service, 'rectified', {
          actions: 'carrier changed',
        })
      ).statusCode,
    ).toBe(200);
    expect((await complete(await openTask('issue_verification', 'customer_service', issueId), service, 'pass', {})).statusCode).toBe(200);

    const closed = await eventually(async () => {
      const r = (await http().get(`/issues/${encodeURIComponent(issueId)}`, service)).json();
      return r.status === 'CLOSED' && r.timeline.some((e: { type: string }) => e.type === 'verified') && r;
    }, 'the issue closed');
    expect(closed).toMatchObject({
      orderNo,
      severity: 'high',
      department: 'customer_service',
      rootCause: 'carrier mix-up',
      cycle: 1,
      reopened: 0,
    });
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['found', 'root_cause', 'plan', 'rectified', 'verified', 'task_completed']),
    );
    expect((await http().get(`/issues/${encodeURIComponent(issueId)}`, actors.production)).statusCode).toBe(404);
    const complaints = (await http().get(`/orders/${orderNo}/complaints`, actors.sales)).json().items;
    expect(complaints).toEqual([expect.objectContaining({ id: complaint.id, reply: 'new shipment on Monday', repliedBy: 'Cass' })]);
    const feed = (await http().get('/notifications?department=management', actors.management)).json();
    expect(JSON.stringify(feed)).toContain(`High-severity issue ${issueId}`);

    // Lists: scoped by department, filtered, paginated.
    expect((await http().get('/issues', actors.production)).json().items).toEqual([]);
    expect(
      (await http().get(`/issues?orderNo=${orderNo}&status=CLOSED&severity=high`, service)).json().items.map((i: { id: string }) => i.id),
    ).toEqual([issueId]);
    expect((await http().get('/issues?severity=urgent', service)).statusCode).toBe(400);
    expect((await http().get('/inspections?kind=complaint', actors.production)).json().items).toEqual([]);
    const month = new Date().toISOString().slice(0, 7);
    const summary = (await http().get(`/inspections/summary?month=${month}`, actors.auditor)).json();
    expect(summary.final).toBe(false);
    expect(summary.byDepartment.customer_service).toMatchObject({ found: 1, closed: 1 });
    expect(summary.byKind.complaint).toMatchObject({ found: 1, closed: 1 });
    expect((await http().get('/inspections/summary?month=2026-13', actors.auditor)).statusCode).toBe(400);
    expect((await http().get(`/inspections/summary?month=${month}`, actors.production)).statusCode).toBe(403);
  });

  it('audit draws a sample of the period; lists page with cursors', async () => {
    for (let i = 0; i < 3; i++) await http().post('/orders', actors.sales, sampleOrder());
    const today = new Date().toISOString().slice(0, 10);
    const body = { from: today, to: today, size: 2 };
    expect((await http().post('/inspections', actors.auditor, body)).statusCode).toBe(403);
    expect((await http().post('/inspections', actors.sales, body)).statusCode).toBe(403);
    expect((await http().post('/inspections', auditStaff, { ...body, from: '2999-01-01' })).statusCode).toBe(400);
    expect((await http().post('/inspections', auditStaff, { ...body, size: 0 })).statusCode).toBe(400);
    const started = await http().post('/inspections', auditStaff, body);
    expect(started.statusCode).toBe(201);
    const { id } = started.json();
    const drawn = await eventually(async () => {
      const r = (await http().get(`/inspections/${id}`, auditStaff)).json();
      return r.status === 'REVIEWING' && r;
    }, 'the sample drawn');
    expect(drawn.orderNos).toHaveLength(2);
    expect(drawn.sample).toEqual(body);

    const first = (await http().get('/inspections?limit=1', actors.auditor)).json();
    expect(first.items).toHaveLength(1);
    const second = (await http().get(`/inspections?limit=1&cursor=${first.nextCursor}`, actors.auditor)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await http().get('/inspections?cursor=bogus', actors.auditor)).statusCode).toBe(400);
  });

  it('lists the schedules the worker keeps; a second start changes nothing, a policy change updates them', async () => {
    const { env, taskQueue } = bed.stack;
    const policy = buildPolicy();
    expect(await ensureInspectionSchedules(env.client, policy, taskQueue)).toEqual({
      'inspection-operations': 'created',
      'inspection-logistics': 'created',
      'inspection-finance': 'created',
    });
    expect(Object.values(await ensureInspectionSchedules(env.client, policy, taskQueue))).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const moved = buildPolicy({ inspection: { operations: { cron: '30 8 * * 1' } } });
    expect(await ensureInspectionSchedules(env.client, moved, taskQueue)).toMatchObject({
      'inspection-operations': 'updated',
      'inspection-logistics': 'updated',
    });
    const items = (await http().get('/inspections/schedules', actors.auditor)).json().items;
    expect(items.map((s: { id: string; cron: string; timeZone: string }) => [s.id, s.cron, s.timeZone])).toEqual([
      ['inspection-operations', '30 8 * * 1', 'Asia/Shanghai'],
      ['inspection-logistics', '0 14 * * 5', 'Asia/Shanghai'],
      ['inspection-finance', '0 10 1-7 * *', 'Asia/Shanghai'],
    ]);
    expect(items[0]).toMatchObject({ paused: false, catchupWindowMs: 7 * 24 * 3600 * 1000 });
    expect(items[0].overlap).toMatch(/SKIP/);
    expect(Date.parse(items[0].nextRuns[0])).toBeGreaterThan(Date.now());
  });
});
