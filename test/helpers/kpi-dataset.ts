import type { Database } from '../../src/db/client';
import { kpiRows } from './kpi-rows';

// November 2025 in Asia/Shanghai, built row by row so that every KPI has a known answer.
// test/kpis/formulas.test.ts states each answer and how it is counted.

export const november = { from: '2025-11-01', to: '2025-11-30' };

async function orders(r: ReturnType<typeof kpiRows>) {
  await r.order('A', { received: '2025-11-02 10:00', delivered: '2025-11-20 10:00', requested: '2025-11-20' });
  await r.order('B', { received: '2025-10-15 10:00', delivered: '2025-11-25 19:00', requested: '2025-11-25' });
  await r.order('C', { received: '2025-11-05 10:00', delivered: '2025-12-01 02:00', requested: '2025-12-01' });
  await r.order('D', { received: '2025-11-01 00:30', delivered: '2025-11-30 23:59', requested: '2025-12-05' });
  await r.order('E', { received: '2025-11-10 10:00', status: 'CANCELLED' });
  await r.order('U1', {
    received: '2025-11-03 00:00',
    delivered: '2025-11-05 00:00',
    requested: '2025-11-06',
    urgent: true,
    items: [{ quantity: 10, unitPrice: 100 }],
  });
  await r.order('U2', { received: '2025-11-20 09:00', urgent: true, items: [{ quantity: 2, unitPrice: 500 }] });
  await r.order('U3', { received: '2025-12-01 00:30', urgent: true });
}

/** Accuracy, compliance, complaints, risk events, satisfaction checks. */
async function orderFacts(r: ReturnType<typeof kpiRows>) {
  await r.task('B.renegotiation.r1.sales', {
    kind: 'renegotiation',
    department: 'sales',
    outcome: 'revise',
    completed: '2025-10-20 10:00',
  });
  await r.task('D.customer-acceptance.r1.sales', {
    kind: 'customer_acceptance',
    department: 'sales',
    outcome: 'rejected',
    completed: '2025-12-01 10:00',
  });
  await r.task('D.customer-acceptance.r2.sales', {
    kind: 'customer_acceptance',
    department: 'sales',
    outcome: 'accepted',
    round: 2,
    completed: '2025-12-03 10:00',
  });
  await r.task('A.customer-acceptance.r1.sales', {
    kind: 'customer_acceptance',
    department: 'sales',
    outcome: 'accepted',
    completed: '2025-11-21 10:00',
  });
  await r.issue('I1', 'B', '2025-11-26 10:00');
  await r.issue('I2', null, '2025-11-26 10:00');
  await r.complaint('K1', 'A', '2025-11-25 10:00');
  await r.complaint('K2', 'A', '2025-11-26 10:00');
  await r.complaint('K3', 'C', '2025-11-28 10:00');
  await r.complaint('K4', 'A', '2025-12-02 10:00');
  await r.riskEvent('R1', 'A', '2025-11-10 10:00');
  await r.riskEvent('R2', 'D', '2025-09-10 10:00');
  await r.riskEvent('R3', 'C', '2025-11-12 10:00');
}

async function satisfactionChecks(r: ReturnType<typeof kpiRows>) {
  const check = { kind: 'satisfaction_check', department: 'customer_service' };
  await r.task('A.satisfaction-check.r1.customer_service', {
    ...check,
    outcome: 'surveyed',
    data: { score: 4 },
    completed: '2025-11-22 10:00',
  });
  await r.task('D.satisfaction-check.r1.customer_service', {
    ...check,
    outcome: 'surveyed',
    data: { score: 5 },
    completed: '2025-11-30 22:00',
  });
  await r.task('B.satisfaction-check.r1.customer_service', {
    ...check,
    outcome: 'unreachable',
    data: { reason: 'no answer' },
    completed: '2025-11-28 10:00',
  });
  await r.task('C.satisfaction-check.r1.customer_service', {
    ...check,
    outcome: 'surveyed',
    data: { score: 1 },
    completed: '2025-12-02 10:00',
  });
}

/** Design, production plan, final inspection, transport. */
async function operations(r: ReturnType<typeof kpiRows>) {
  await r.task('C.design.r1.rnd', { kind: 'design', department: 'rnd', due: '2025-11-12 18:00', completed: '2025-11-10 10:00' });
  await r.task('C.design.r2.rnd', { kind: 'design', department: 'rnd', due: '2025-11-14 18:00', completed: '2025-11-15 10:00' });
  await r.breach('C.design.r2.rnd', 'rnd', 'design', '2025-11-14 18:00');
  await r.task('B.design.r1.rnd', { kind: 'design', department: 'rnd', completed: '2025-10-30 10:00' });
  await r.task('E.design.r1.rnd', { kind: 'design', department: 'rnd' });
  await r.task('C.design-change.r1.rnd', { kind: 'design_change', department: 'rnd', outcome: 'revised', completed: '2025-11-16 10:00' });
  await r.task('C.design-change.r2.rnd', { kind: 'design_change', department: 'rnd', outcome: 'revised', completed: '2025-11-18 10:00' });
  await r.task('C.design-change.r3.rnd', { kind: 'design_change', department: 'rnd', outcome: 'revised', completed: '2025-12-03 10:00' });

  await r.plan('A', 1, [
    ['m1', '2025-11-05'],
    ['m2', '2025-11-20'],
  ]);
  await r.plan('A', 2, [
    ['m1', '2025-11-06'],
    ['m2', '2025-11-22'],
    ['m3', '2025-12-10'],
  ]);
  await r.plan('E', 1, [['e1', '2025-11-15']]);
  await r.plan('D', 1, [['x', '2025-11-28']]);
  const milestone = (name: string, plannedDate: string, completedOn: string) => ({
    kind: 'milestone',
    department: 'production',
    outcome: 'done',
    context: { milestone: { name, plannedDate } },
    data: { completedOn },
    completed: `${completedOn} 17:00`,
  });
  await r.task('A.milestone-1.r1.production', milestone('m1', '2025-11-06', '2025-11-06'));
  await r.task('A.milestone-2.r1.production', milestone('m2', '2025-11-22', '2025-11-23'));

  const inspection = { kind: 'final_inspection', department: 'quality' };
  await r.task('A.final-inspection.r1.quality', { ...inspection, outcome: 'pass', completed: '2025-11-15 10:00' });
  await r.task('B.final-inspection.r1.quality', { ...inspection, outcome: 'fail', completed: '2025-11-16 10:00' });
  await r.task('B.final-inspection.r2.quality', { ...inspection, round: 2, outcome: 'pass', completed: '2025-11-18 10:00' });
  await r.task('D.final-inspection.r1.quality', { ...inspection, outcome: 'pass', completed: '2025-11-25 10:00' });
  await r.task('C.final-inspection.r1.quality', { ...inspection, outcome: 'pass', completed: '2025-12-01 01:00' });

  const transport = { kind: 'transport', department: 'logistics', outcome: 'delivered' };
  await r.task('A.transport.r1.logistics', { ...transport, due: '2025-11-21 18:00', completed: '2025-11-20 10:00' });
  await r.task('B.transport.r1.logistics', { ...transport, due: '2025-11-24 18:00', completed: '2025-11-25 19:00' });
  await r.breach('B.transport.r1.logistics', 'logistics', 'transport', '2025-11-24 18:00');
  await r.task('D.transport.r1.logistics', { ...transport, due: '2025-11-30 16:00', completed: '2025-11-30 15:00' });
  await r.tracking('N1', 'A', '2025-11-18 10:00', true);
  await r.tracking('N2', 'B', '2025-11-23 10:00', true);
  await r.tracking('N3', 'B', '2025-11-24 10:00', false);
  await r.tracking('N4', 'B', '2025-10-24 10:00', true);
  await r.exception('X1', 'B', 'delay', 'logistics', '2025-11-24 11:00');
  await r.exception('X2', 'B', 'delay', 'production', '2025-11-24 11:00');
}

async function reviews(r: ReturnType<typeof kpiRows>) {
  const review = (department: string, due: string, completed?: string) => ({
    kind: 'review',
    department,
    outcome: completed ? 'approve' : undefined,
    due,
    completed,
  });
  await r.task('A.review.r1.production', review('production', '2025-11-04 18:00', '2025-11-04 10:00'));
  await r.task('A.review.r1.quality', review('quality', '2025-11-04 18:00', '2025-11-05 10:00'));
  await r.breach('A.review.r1.quality', 'quality', 'review', '2025-11-04 18:00');
  await r.task('B.change-review.r1.finance', { ...review('finance', '2025-11-10 18:00', '2025-11-09 10:00'), kind: 'change_review' });
  await r.task('C.review.r1.production', review('production', '2025-11-29 18:00'));
  await r.task('C.review.r1.engineering', { ...review('engineering', '2025-11-09 18:00'), status: 'CANCELLED' });
  await r.task('C.review.r1.procurement', review('procurement', '2025-11-30 12:00'));
  await r.task('D.review.r1.quality', review('quality', '2025-12-20 18:00'));
}

async function afterSales(r: ReturnType<typeof kpiRows>) {
  await r.ticket('T1', {
    received: '2025-11-03 10:00',
    due: '2025-11-04 10:00',
    responded: '2025-11-03 14:00',
    resolved: '2025-11-05 10:00',
    closed: '2025-11-06 10:00',
    score: 5,
  });
  await r.ticket('T2', {
    received: '2025-11-10 00:00',
    due: '2025-11-11 00:00',
    responded: '2025-11-11 06:00',
    resolved: '2025-11-13 00:00',
    closed: '2025-11-14 10:00',
    score: 3,
  });
  await r.ticket('T3', { received: '2025-11-29 12:00', due: '2025-11-30 12:00' });
  await r.ticket('T4', { received: '2025-11-30 20:00', due: '2025-12-01 20:00', responded: '2025-12-01 09:00' });
  await r.ticket('T5', { received: '2025-10-31 20:00', due: '2025-11-01 20:00', responded: '2025-11-01 10:00' });
}

/** U1 and U2 are the urgent orders received in November; U3 came on 1 December. */
async function urgentU1(r: ReturnType<typeof kpiRows>) {
  const pete: [string, string] = ['pete', 'Pete'];
  const quinn: [string, string] = ['quinn', 'Quinn'];
  await r.task('U1.urgent-negotiation.r1.production', {
    kind: 'urgent_negotiation',
    department: 'production',
    outcome: 'add_resources',
    data: { extraCost: 100 },
    created: '2025-11-03 00:00',
    completed: '2025-11-03 02:00',
    by: pete,
  });
  await r.task('U1.final-inspection.r1.quality', {
    kind: 'final_inspection',
    department: 'quality',
    outcome: 'fail',
    created: '2025-11-04 00:00',
    completed: '2025-11-04 04:00',
    by: quinn,
  });
  await r.task('U1.final-inspection.r2.quality', {
    kind: 'final_inspection',
    department: 'quality',
    round: 2,
    outcome: 'pass',
    created: '2025-11-04 06:00',
    completed: '2025-11-04 07:00',
    by: quinn,
  });
  await r.task('U1.satisfaction-check.r1.customer_service', {
    kind: 'satisfaction_check',
    department: 'customer_service',
    outcome: 'surveyed',
    data: { score: 2 },
    created: '2025-11-06 00:00',
    completed: '2025-11-06 10:00',
    by: ['cora', 'Cora'],
  });
  await r.task('U1.customer-acceptance.r1.sales', {
    kind: 'customer_acceptance',
    department: 'sales',
    outcome: 'accepted',
    data: { satisfaction: 5 },
    created: '2025-11-05 00:00',
    completed: '2025-11-05 03:00',
    by: ['sally', 'Sally'],
  });
}

async function urgentU2(r: ReturnType<typeof kpiRows>) {
  const pete: [string, string] = ['pete', 'Pete'];
  const quinn: [string, string] = ['quinn', 'Quinn'];
  await r.task('U2.final-inspection.r1.quality', {
    kind: 'final_inspection',
    department: 'quality',
    outcome: 'pass',
    created: '2025-11-22 00:00',
    completed: '2025-11-22 02:00',
    by: quinn,
  });
  await r.task('U2.customer-acceptance.r1.sales', {
    kind: 'customer_acceptance',
    department: 'sales',
    outcome: 'accepted',
    data: { satisfaction: 4 },
    created: '2025-11-25 00:00',
    completed: '2025-11-25 01:00',
    by: ['sam', 'Sam'],
  });
  await r.task('U2.urgent-negotiation.r1.production', {
    kind: 'urgent_negotiation',
    department: 'production',
    outcome: 'add_resources',
    data: { extraCost: 50 },
    created: '2025-11-20 10:00',
    completed: '2025-11-20 13:00',
    by: ['paula', 'Paula'],
  });
  await r.task('U2.urgent-negotiation.r2.production', {
    kind: 'urgent_negotiation',
    department: 'production',
    round: 2,
    outcome: 'move_date',
    data: { extraCost: 999 },
    created: '2025-11-21 10:00',
    completed: '2025-11-21 11:00',
    by: pete,
  });
  await r.task('U3.final-inspection.r1.quality', {
    kind: 'final_inspection',
    department: 'quality',
    outcome: 'fail',
    created: '2025-12-02 00:00',
    completed: '2025-12-02 02:00',
    by: quinn,
  });
}

export async function loadNovember(database: Database): Promise<void> {
  const r = kpiRows(database);
  await orders(r);
  await orderFacts(r);
  await satisfactionChecks(r);
  await operations(r);
  await reviews(r);
  await afterSales(r);
  await urgentU1(r);
  await urgentU2(r);
}
