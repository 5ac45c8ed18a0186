import type { Page } from 'playwright-core';

// The documented answers of routes that other parts of the service provide (see DESIGN §8).

export const kpiFixture = (from: string, to: string) => ({
  from,
  to,
  timeZone: 'Asia/Shanghai',
  department: null,
  kpis: [
    {
      id: 'on_time_delivery',
      name: '按时交付率',
      clause: '003 §8',
      department: null,
      unit: 'percent',
      value: 92.5,
      numerator: 37,
      denominator: 40,
    },
    {
      id: 'first_pass',
      name: '一次检验合格率',
      clause: '002 §6.2',
      department: 'quality',
      unit: 'percent',
      value: 96,
      numerator: 48,
      denominator: 50,
    },
    {
      id: 'complaints',
      name: '客户投诉率',
      clause: '002 §6.3',
      department: null,
      unit: 'percent',
      value: 2.5,
      numerator: 1,
      denominator: 40,
    },
    {
      id: 'review_deadlines',
      name: '评审及时率',
      clause: '002 §6.1',
      department: null,
      unit: 'percent',
      value: null,
      numerator: null,
      denominator: 0,
      reason: 'no review closed in the period',
    },
    {
      id: 'urgent_hours',
      name: '紧急订单处理时长',
      clause: '001 §6',
      department: null,
      unit: 'hours',
      value: 30.5,
      numerator: 122,
      denominator: 4,
    },
    {
      id: 'satisfaction',
      name: '客户满意度',
      clause: '003 §8',
      department: null,
      unit: 'score',
      value: 4.6,
      numerator: 23,
      denominator: 5,
    },
  ],
});

/**
 * The KPI, replay, unclaim and assign routes come with other parts of the service; the page
 * is shown their documented answers here, so that these tests do not depend on which parts
 * are deployed. Unclaim and assign are answered per test (they echo a task).
 */
export async function serveContracts(p: Page): Promise<void> {
  await p.route('**/docs/json', async (route) => {
    const doc = await (await route.fetch()).json();
    doc.paths['/kpis'] ??= { get: {} };
    doc.paths['/kpis/reports/{month}'] ??= { get: {} };
    doc.paths['/orders/{orderNo}/replay'] ??= { post: {} };
    doc.paths['/tasks/{id}/unclaim'] ??= { post: {} };
    doc.paths['/tasks/{id}/assign'] ??= { post: {} };
    await route.fulfill({ json: doc });
  });
  await p.route(/\/kpis\?/, (route) => {
    const q = new URL(route.request().url()).searchParams;
    return route.fulfill({ json: kpiFixture(q.get('from')!, q.get('to')!) });
  });
  await p.route(/\/kpis\/reports\/\d{4}-\d{2}\?format=csv/, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'id,name,value\non_time_delivery,按时交付率,92.5\n' }),
  );
  await p.route(/\/orders\/[^/]+\/replay$/, (route) => route.fulfill({ json: { ok: true, runs: 2 } }));
}
