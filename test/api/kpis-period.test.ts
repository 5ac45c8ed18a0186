import { beforeAll, describe, expect, it } from 'vitest';
import { complaints } from '../../src/db/schema';
import type { Kpi } from '../../src/kpis/kpi';
import type { Actor } from '../../workflows/order/types';
import { requests, useStack } from '../helpers/api';
import { actors } from '../helpers/fixtures';
import { loadNovember } from '../helpers/kpi-dataset';
import { sh } from '../helpers/kpi-rows';

// GET /kpis and the published monthly reports, through the API on the real dev server,
// worker and database, over the hand-built November of test/helpers/kpi-dataset.ts.

const stack = useStack();
const http = () => requests(stack.app);
const admin: Actor = { sub: 'root', name: 'Root', departments: [], roles: ['admin'] };
const managementStaff: Actor = { sub: 'max', name: 'Max', departments: ['management'], roles: ['staff'] };
const nov = '/kpis?from=2025-11-01&to=2025-11-30';

beforeAll(async () => {
  await loadNovember(stack.stack.database);
});

const ids = (kpis: Kpi[]) => new Set(kpis.map((k) => k.department));

describe('GET /kpis', () => {
  it('answers every figure of the period with its numerator, denominator and clause', async () => {
    const res = await http().get(nov, actors.auditor);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2025-11-01', to: '2025-11-30', timeZone: 'Asia/Shanghai', department: null });
    const complaint = body.kpis.find((k: Kpi) => k.id === 'complaint_rate');
    expect(complaint).toEqual({
      id: 'complaint_rate',
      name: '客户投诉率',
      clause: '002 §6.2.3',
      department: null,
      unit: 'percent',
      value: 50,
      numerator: 2,
      denominator: 4,
    });
    expect(body.kpis.find((k: Kpi) => k.id === 'on_time_delivery')).toMatchObject({ department: 'sales', value: 75 });
    expect(body.kpis.find((k: Kpi) => k.id === 'urgent_task_hours@pete')).toMatchObject({ department: 'production', value: 1.5 });
    expect(ids(body.kpis)).toEqual(
      new Set([
        null,
        'sales',
        'rnd',
        'production',
        'logistics',
        'after_sales',
        'engineering',
        'equipment',
        'finance',
        'procurement',
        'quality',
        'customer_service',
      ]),
    );
  });

  it('shows a head the company figures and their own departments only, and management everything', async () => {
    const head = (await http().get(nov, actors.productionHead)).json();
    expect(ids(head.kpis)).toEqual(new Set([null, 'production']));
    expect(head.kpis.some((k: Kpi) => k.id === 'plan_completion')).toBe(true);
    const own = (await http().get(`${nov}&department=production`, actors.productionHead)).json();
    expect(own.department).toBe('production');
    expect(ids(own.kpis)).toEqual(new Set(['production']));
    expect(own.kpis.map((k: Kpi) => k.id)).toContain('urgent_task_hours@paula');
    const management = (await http().get(`${nov}&department=after_sales`, managementStaff)).json();
    expect(management.kpis.map((k: Kpi) => k.id)).toEqual([
      'first_response_median_hours',
      'first_response_on_time',
      'resolution_hours',
      'service_satisfaction',
    ]);
  });

  it("refuses staff, another department's head and anonymous callers", async () => {
    const sales = await http().get(nov, actors.sales);
    expect(sales.statusCode).toBe(403);
    expect(sales.json().error.code).toBe('FORBIDDEN');
    expect((await http().get(`${nov}&department=sales`, actors.productionHead)).statusCode).toBe(403);
    expect((await http().get(nov)).statusCode).toBe(401);
    expect((await http().get(nov, admin)).statusCode).toBe(200);
  });

  it('answers 400 for a bad period or an unknown department', async () => {
    for (const q of [
      'from=2025-11-30&to=2025-11-01',
      'from=2025-02-30&to=2025-03-01',
      'from=2025-11-01',
      'from=2024-01-01&to=2025-12-31',
      'from=2025-11-01&to=2025-11-30&extra=1',
      'from=2025-11-01&to=2025-11-30&department=marketing',
    ]) {
      const res = await http().get(`/kpis?${q}`, actors.auditor);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /kpis/reports/:month and the recompute', () => {
  it('has no report for a month nobody stored, and refuses a month that has not ended', async () => {
    expect((await http().get('/kpis/reports/2025-11', actors.auditor)).statusCode).toBe(404);
    const future = await http().post('/kpis/reports/2999-12/recompute', admin);
    expect(future.statusCode).toBe(409);
    expect(future.json().error.code).toBe('MONTH_NOT_OVER');
  });

  it('lets only admins recompute; each recompute is a new revision and earlier ones never change', async () => {
    expect((await http().post('/kpis/reports/2025-11/recompute', actors.auditor)).statusCode).toBe(403);
    expect((await http().post('/kpis/reports/2025-11/recompute', actors.management)).statusCode).toBe(403);
    const first = await http().post('/kpis/reports/2025-11/recompute', admin);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ month: '2025-11', revision: 1 });
    const rate = (r: { kpis: Kpi[] }) => r.kpis.find((k) => k.id === 'complaint_rate')!;
    expect(rate(first.json())).toMatchObject({ value: 50, numerator: 2 });

    // A complaint about D arrives late for November.
    await stack.stack.database.db.insert(complaints).values({
      id: 'K9',
      orderNo: 'D',
      receivedAt: sh('2025-11-29 10:00'),
      content: 'scratched panels',
      channel: 'phone',
      receivedBy: 'cass',
      inspectionId: 'complaint-K9',
    });
    expect(rate((await http().get('/kpis/reports/2025-11', actors.auditor)).json())).toMatchObject({ value: 50, numerator: 2 });

    const second = await http().post('/kpis/reports/2025-11/recompute', admin);
    expect(second.json()).toMatchObject({ month: '2025-11', revision: 2 });
    expect(rate(second.json())).toMatchObject({ value: 75, numerator: 3 });
    expect(Date.parse(second.json().storedAt)).toBeGreaterThan(Date.parse(first.json().storedAt));

    const latest = (await http().get('/kpis/reports/2025-11', actors.auditor)).json();
    expect(latest.revision).toBe(2);
    const one = (await http().get('/kpis/reports/2025-11?revision=1', actors.auditor)).json();
    expect(one).toEqual(first.json());
    expect((await http().get('/kpis/reports/2025-11?revision=3', actors.auditor)).statusCode).toBe(404);
  });

  it('answers CSV for spreadsheets, scoped like the JSON', async () => {
    const res = await http().get('/kpis/reports/2025-11?format=csv&revision=1', actors.auditor);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kpis-2025-11-r1.csv"');
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFmonth,revision,stored_at,id,name,clause,department,unit,value,numerator,denominator,reason');
    const json = (await http().get('/kpis/reports/2025-11?revision=1', actors.auditor)).json();
    expect(lines).toHaveLength(json.kpis.length + 1);
    expect(lines).toContain(`2025-11,1,${json.storedAt},complaint_rate,客户投诉率,002 §6.2.3,,percent,50,2,4,`);
    expect(lines).toContain(
      `2025-11,1,${json.storedAt},review_deadline_compliance,评审按时完成率,"000 §3.1, 003 §3.1",rnd,percent,,,0,no review deadlines fell in the period`,
    );
    const head = await http().get('/kpis/reports/2025-11?format=csv&department=production', actors.productionHead);
    const rows = head.body.split('\r\n').slice(1).filter(Boolean);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toMatch(/,production,(percent|hours|count|score),/);
    expect((await http().get('/kpis/reports/2025-11?format=csv', actors.sales)).statusCode).toBe(403);
    expect((await http().get('/kpis/reports/2025-13', actors.auditor)).statusCode).toBe(400);
  });
});
