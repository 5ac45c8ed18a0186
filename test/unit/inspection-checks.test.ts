import { describe, expect, it } from 'vitest';
import {
  checkAccuracy,
  checkCompliance,
  checkProgress,
  checkRisk,
  checkSatisfaction,
  checkNames,
  runChecks,
  type CheckContext,
  type OrderFacts,
} from '../../workflows/inspection/checks';
import { sampleOrder } from '../helpers/fixtures';

// 002 §4: each automatic check on hand-made data, and an order that passes all of them.

const ctx: CheckContext = {
  today: '2026-03-16',
  milestoneGraceDays: 0,
  minSatisfaction: 3,
  departments: {
    progress: 'planning',
    logistics: 'logistics',
    finance: 'finance',
    sales: 'sales',
    risk: 'production',
    service: 'customer_service',
  },
};

function cleanOrder(over: Partial<OrderFacts> = {}): OrderFacts {
  return {
    orderNo: 'SO-20260301-0001',
    status: 'DELIVERED',
    order: sampleOrder({ requestedDeliveryDate: '2026-04-30' }),
    reviewDepartments: ['production', 'procurement', 'engineering', 'quality', 'finance'],
    approvedBy: ['production', 'procurement', 'engineering', 'quality', 'finance'],
    contract: { drafted: true, legalApproved: true, signed: true },
    plan: {
      batches: [{ batchNo: 'B1', quantity: 400, plannedStart: '2026-03-02', plannedEnd: '2026-03-20' }],
      milestones: [{ name: 'assembly', plannedDate: '2026-03-10' }],
    },
    milestonesDone: { assembly: '2026-03-09' },
    shipments: [{ outboundNoteNo: 'OUT-1', quantityMatches: true, specMatches: true, deliveryNoteNo: 'DN-1', deliveredOn: '2026-03-14' }],
    changes: [{ id: 'C1', status: 'AGREED', headApproved: true }],
    risk: {
      level: 'high',
      ownerDepartment: 'finance',
      plans: [{ owner: 'Fay', measures: ['deposit first'], dueDate: '2026-03-10', done: true }],
    },
    acceptance: { accepted: true, satisfaction: 5 },
    complaints: 0,
    instalments: [{ seq: 1, percent: 30, dueDate: '2026-03-01', amount: 21900, paid: 21900 }],
    invoicedTotal: 21900,
    contractTotal: 73000,
    ...over,
  };
}

describe('automatic checks', () => {
  it('an order in order passes every check', () => {
    expect(runChecks(checkNames, [cleanOrder()], ctx)).toEqual([]);
  });

  it('accuracy: plan quantity and dates against the order, shipments, invoices against the contract', () => {
    const f = cleanOrder({
      plan: { batches: [{ batchNo: 'B1', quantity: 350, plannedStart: '2026-03-02', plannedEnd: '2026-05-05' }], milestones: [] },
      shipments: [
        { outboundNoteNo: 'OUT-1', quantityMatches: false, specMatches: true },
        { quantityMatches: true, specMatches: true, deliveryNoteNo: 'DN-2' },
      ],
      invoicedTotal: 80000,
    });
    const found = checkAccuracy(f, ctx);
    expect(found.map((x) => [x.code, x.severity, x.department])).toEqual([
      ['plan-quantity', 'medium', 'planning'],
      ['plan-date', 'medium', 'planning'],
      ['shipment-1-mismatch', 'high', 'logistics'],
      ['shipment-1-tracking', 'medium', 'logistics'],
      ['shipment-2-outbound-note', 'medium', 'logistics'],
      ['over-invoiced', 'high', 'finance'],
    ]);
    expect(found[0]).toMatchObject({
      id: 'SO-20260301-0001.accuracy.plan-quantity',
      content: 'The production plan covers 350 units; the order is for 400',
    });
  });

  it('compliance: sign-offs, legal review and signature before production, head approval of changes, payments by the terms', () => {
    const f = cleanOrder({
      status: 'IN_PRODUCTION',
      approvedBy: ['production', 'procurement', 'engineering'],
      contract: { drafted: true, legalApproved: false, signed: false },
      changes: [
        { id: 'C2', status: 'AGREED', headApproved: false },
        { id: 'C3', status: 'REJECTED', headApproved: false },
      ],
      instalments: [{ seq: 2, percent: 70, dueDate: '2026-03-15', amount: 51100, paid: 1100 }],
    });
    const found = checkCompliance(f, ctx);
    expect(found.map((x) => x.code)).toEqual([
      'review-sign-off',
      'legal-review',
      'signature',
      'change-C2-approval',
      'instalment-2-overdue',
    ]);
    expect(found[0].content).toBe('Production started without the review sign-off of quality, finance');
    expect(found[4].content).toBe('Instalment 2 (70%) was due on 2026-03-15; 50000.00 is unpaid');
    expect(
      checkCompliance(
        cleanOrder({ status: 'IN_REVIEW', approvedBy: [], contract: { drafted: false, legalApproved: false, signed: false } }),
        ctx,
      ),
    ).toEqual([]);
  });

  it('risk: a high-risk order needs a plan with an owner, and its measures done by their dates', () => {
    const noOwner = cleanOrder({ risk: { level: 'high', ownerDepartment: 'finance', plans: [{ measures: ['x'], done: false }] } });
    expect(checkRisk(noOwner, ctx).map((x) => [x.code, x.severity, x.department])).toEqual([['plan-owner', 'high', 'finance']]);
    const late = cleanOrder({
      risk: {
        level: 'high',
        ownerDepartment: 'quality',
        plans: [{ owner: 'Quinn', measures: ['100% test'], dueDate: '2026-03-12', done: false }],
      },
    });
    expect(checkRisk(late, ctx).map((x) => x.code)).toEqual(['measures-1-late']);
    expect(checkRisk(cleanOrder({ risk: { level: 'medium', ownerDepartment: 'quality', plans: [] } }), ctx)).toEqual([]);
  });

  it('satisfaction: failed acceptance, a low score, complaints', () => {
    const f = cleanOrder({ acceptance: { accepted: false, satisfaction: 2, issues: ['scratched housings'] }, complaints: 2 });
    const found = checkSatisfaction(f, ctx);
    expect(found.map((x) => x.code)).toEqual(['acceptance-failed', 'low-score', 'complaints']);
    expect(found[0].content).toBe('The customer did not accept the delivery: scratched housings');
    expect(found.every((x) => x.department === 'customer_service')).toBe(true);
  });

  it('progress: a milestone past its planned date and not done is behind plan', () => {
    const f = cleanOrder({
      status: 'IN_PRODUCTION',
      plan: {
        batches: [{ batchNo: 'B1', quantity: 400, plannedStart: '2026-03-02', plannedEnd: '2026-03-20' }],
        milestones: [
          { name: 'casting', plannedDate: '2026-03-09' },
          { name: 'assembly', plannedDate: '2026-03-16' },
          { name: 'test', plannedDate: '2026-03-18' },
        ],
      },
      milestonesDone: {},
    });
    const found = checkProgress(f, ctx);
    expect(found.map((x) => x.id)).toEqual(['SO-20260301-0001.progress.milestone-casting']);
    expect(found[0].content).toBe("Milestone 'casting' was planned for 2026-03-09 and is not done (7 days behind plan)");
    expect(checkProgress(f, { ...ctx, milestoneGraceDays: 7 })).toEqual([]);
  });
});
