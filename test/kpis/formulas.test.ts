import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { computeKpis } from '../../src/kpis/compute';
import type { Kpi } from '../../src/kpis/kpi';
import { kpiPeriod } from '../../src/kpis/period';
import { buildPolicy } from '../../src/policy/load';
import { createTestDatabase } from '../helpers/db';
import { loadNovember, november } from '../helpers/kpi-dataset';
import { sh } from '../helpers/kpi-rows';

// Every KPI formula against the hand-built November of test/helpers/kpi-dataset.ts, in
// real SQL. Each expectation says how it is counted from the rows.

const { policy } = buildPolicy();
let database: Database;
let figures: Kpi[];

const figure = (id: string, department: string | null = null) => {
  const found = figures.filter((k) => k.id === id && k.department === department);
  expect(found, `${id} (${department})`).toHaveLength(1);
  return found[0];
};
const numbers = (k: Kpi) => [k.value, k.numerator, k.denominator];

beforeAll(async () => {
  database = await createTestDatabase();
  await loadNovember(database);
  figures = await computeKpis(database.db, policy, kpiPeriod(policy, november.from, november.to, sh('2025-12-05 08:00')));
});
afterAll(async () => {
  await database?.close();
});

describe('002 §6.2 over the orders delivered in November (A, B, D, U1; C came on 1 December local time)', () => {
  it('information accuracy: B was revised in renegotiation, D rejected at acceptance', () => {
    expect(figure('information_accuracy')).toEqual({
      id: 'information_accuracy',
      name: '订单信息准确率',
      clause: '002 §6.2.1',
      department: null,
      unit: 'percent',
      value: 50,
      numerator: 2,
      denominator: 4,
    });
  });

  it('business compliance: A missed a review deadline, B has an inspection finding', () => {
    expect(numbers(figure('business_compliance'))).toEqual([50, 2, 4]);
  });

  it('complaint rate: A (twice) and C complained in November, A again in December', () => {
    expect(numbers(figure('complaint_rate'))).toEqual([50, 2, 4]);
  });

  it('risk event rate: A and D had risk events; two events (A, C) occurred in November', () => {
    expect(numbers(figure('risk_event_rate'))).toEqual([50, 2, 4]);
    expect(numbers(figure('risk_events'))).toEqual([2, 2, null]);
  });
});

describe('003 §8.1 per department', () => {
  it('sales: six orders received (D at 00:30 on 1 November, not U3 or B); A, D, U1 delivered on time, B at 19:00', () => {
    expect(numbers(figure('orders_received', 'sales'))).toEqual([6, 6, null]);
    expect(numbers(figure('on_time_delivery', 'sales'))).toEqual([75, 3, 4]);
  });

  it('sales: satisfaction checks scored 4, 5 and 2 in November; unreachable and December ones do not count', () => {
    expect(numbers(figure('customer_satisfaction', 'sales'))).toEqual([3.67, 11, 3]);
  });

  it('rnd: one of two designs on time; two design changes', () => {
    expect(numbers(figure('design_on_time', 'rnd'))).toEqual([50, 1, 2]);
    expect(numbers(figure('design_changes', 'rnd'))).toEqual([2, 2, null]);
  });

  it("production: of A's latest plan (m1, m2) and D's x, only m1 was done by its date; E is cancelled", () => {
    expect(numbers(figure('plan_completion', 'production'))).toEqual([33.33, 1, 3]);
  });

  it('production: first final inspections of A, B, D, U1, U2 in November, B and U1 failed', () => {
    expect(numbers(figure('first_pass_inspection', 'production'))).toEqual([60, 3, 5]);
  });

  it('logistics: B was transported late; two delays in tracking and one delay exception of logistics', () => {
    expect(numbers(figure('on_time_shipment', 'logistics'))).toEqual([66.67, 2, 3]);
    expect(numbers(figure('transport_delays', 'logistics'))).toEqual([3, 3, null]);
  });

  it('after_sales: first answers after 4, 30 and 14 hours; two of four deadlines kept; resolved in 48 and 72 hours; scores 5 and 3', () => {
    expect(numbers(figure('first_response_median_hours', 'after_sales'))).toEqual([14, null, 3]);
    expect(numbers(figure('first_response_on_time', 'after_sales'))).toEqual([50, 2, 4]);
    expect(numbers(figure('resolution_hours', 'after_sales'))).toEqual([60, 120, 2]);
    expect(numbers(figure('service_satisfaction', 'after_sales'))).toEqual([4, 8, 2]);
  });
});

describe('deadline compliance per department, from the recorded breaches', () => {
  it('review deadlines: every reviewing department has a row; cancelled and not-yet-due tasks are not counted', () => {
    const rows = figures.filter((k) => k.id === 'review_deadline_compliance').map((k) => [k.department, ...numbers(k)]);
    expect(rows).toEqual([
      ['engineering', null, null, 0],
      ['equipment', null, null, 0],
      ['finance', 100, 1, 1],
      ['procurement', 0, 0, 1],
      ['production', 50, 1, 2],
      ['quality', 0, 0, 1],
      ['rnd', null, null, 0],
    ]);
    expect(figure('review_deadline_compliance', 'rnd').reason).toBe('no review deadlines fell in the period');
  });

  it('all deadlines of each department', () => {
    const rows = figures.filter((k) => k.id === 'deadline_compliance').map((k) => [k.department, ...numbers(k)]);
    expect(rows).toEqual([
      ['finance', 100, 1, 1],
      ['logistics', 66.67, 2, 3],
      ['procurement', 0, 0, 1],
      ['production', 50, 1, 2],
      ['quality', 0, 0, 1],
      ['rnd', 50, 1, 2],
    ]);
  });

  it('an open task whose deadline has not come yet is not counted', async () => {
    const early = await computeKpis(database.db, policy, kpiPeriod(policy, november.from, november.to, sh('2025-11-20 08:00')));
    const procurement = early.find((k) => k.id === 'review_deadline_compliance' && k.department === 'procurement')!;
    expect(numbers(procurement)).toEqual([null, null, 0]);
    const production = early.find((k) => k.id === 'review_deadline_compliance' && k.department === 'production')!;
    expect(numbers(production)).toEqual([100, 1, 1]);
  });
});

describe('001 §6.1 urgent orders received in November (U1, U2)', () => {
  it('the company: U1 took 48 hours to deliver; U1 failed its first inspection; 150 extra on 2000; scores 2 (the check, not acceptance) and 4', () => {
    expect(numbers(figure('urgent_order_hours'))).toEqual([48, 48, 1]);
    expect(numbers(figure('urgent_first_pass'))).toEqual([50, 1, 2]);
    expect(numbers(figure('urgent_extra_cost'))).toEqual([7.5, 150, 2000]);
    expect(numbers(figure('urgent_satisfaction'))).toEqual([3, 6, 2]);
    expect(numbers(figure('urgent_task_hours'))).toEqual([3, 27, 9]);
  });

  it('per department: each scored on the orders it completed tasks on, and on its own task hours', () => {
    const byDepartment = (id: string) =>
      Object.fromEntries(figures.filter((k) => k.id === id && k.department !== null).map((k) => [k.department, numbers(k)]));
    expect(byDepartment('urgent_first_pass')).toEqual({
      customer_service: [0, 0, 1],
      production: [50, 1, 2],
      quality: [50, 1, 2],
      sales: [50, 1, 2],
    });
    expect(byDepartment('urgent_extra_cost')).toEqual({
      customer_service: [10, 100, 1000],
      production: [7.5, 150, 2000],
      quality: [7.5, 150, 2000],
      sales: [7.5, 150, 2000],
    });
    expect(byDepartment('urgent_satisfaction')).toEqual({
      customer_service: [2, 2, 1],
      production: [3, 6, 2],
      quality: [3, 6, 2],
      sales: [3, 6, 2],
    });
    expect(byDepartment('urgent_task_hours')).toEqual({
      customer_service: [10, 10, 1],
      production: [2, 6, 3],
      quality: [2.33, 7, 3],
      sales: [2, 4, 2],
    });
  });

  it('per person: who completed the tasks, within their department', () => {
    const person = (id: string, sub: string) => figures.find((k) => k.id === `${id}@${sub}`)!;
    expect(person('urgent_task_hours', 'pete')).toMatchObject({ department: 'production', name: '紧急订单任务处理时间 · Pete' });
    expect(numbers(person('urgent_task_hours', 'pete'))).toEqual([1.5, 3, 2]);
    expect(numbers(person('urgent_task_hours', 'paula'))).toEqual([3, 3, 1]);
    expect(numbers(person('urgent_first_pass', 'paula'))).toEqual([100, 1, 1]);
    expect(numbers(person('urgent_extra_cost', 'paula'))).toEqual([5, 50, 1000]);
    expect(numbers(person('urgent_satisfaction', 'sam'))).toEqual([4, 4, 1]);
    expect(numbers(person('urgent_first_pass', 'sally'))).toEqual([0, 0, 1]);
    expect(numbers(person('urgent_task_hours', 'quinn'))).toEqual([2.33, 7, 3]);
    expect(numbers(person('urgent_satisfaction', 'cora'))).toEqual([2, 2, 1]);
    const people = figures.filter((k) => k.id.startsWith('urgent_task_hours@')).map((k) => `${k.department}/${k.id.split('@')[1]}`);
    expect(people).toEqual(['customer_service/cora', 'production/paula', 'production/pete', 'quality/quinn', 'sales/sally', 'sales/sam']);
  });
});

describe('an empty period', () => {
  it('gives every ratio null with its reason, and counts of zero', async () => {
    const empty = await computeKpis(database.db, policy, kpiPeriod(policy, '2024-01-01', '2024-01-31', sh('2025-12-05 08:00')));
    for (const k of empty.filter((x) => x.unit !== 'count')) {
      expect(k.value, k.id).toBeNull();
      expect(k.reason, k.id).toMatch(/^no /);
    }
    expect(empty.find((k) => k.id === 'complaint_rate')).toMatchObject({
      value: null,
      numerator: null,
      denominator: 0,
      reason: 'no orders were delivered in the period',
    });
    expect(numbers(empty.find((k) => k.id === 'orders_received')!)).toEqual([0, 0, null]);
    expect(empty.filter((k) => k.id.includes('@'))).toEqual([]);
    expect(empty.filter((k) => k.id.startsWith('urgent_')).map((k) => k.id)).toEqual([
      'urgent_order_hours',
      'urgent_first_pass',
      'urgent_extra_cost',
      'urgent_satisfaction',
      'urgent_task_hours',
    ]);
  });
});
