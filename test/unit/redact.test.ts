import { describe, expect, it } from 'vitest';
import { versionViews } from '../../src/api/routes/changes/views';
import { timelineFor } from '../../src/api/routes/history/redact';
import { orderDataFor } from '../../src/api/http/redact';
import { buildPolicy } from '../../src/policy/load';
import type { TimelineEvent } from '../../src/orders/timeline';
import { actors, sampleOrder } from '../helpers/fixtures';

// What is left out of an answer for whom, by the rules of workflows/access.ts.

const { policy } = buildPolicy();
const at = '2026-11-22T02:00:00.000Z';
const plan = { batches: [{ batchNo: 'B1', quantity: 400, plannedStart: '2026-12-01', plannedEnd: '2026-12-10' }], milestones: [] };
const events: TimelineEvent[] = [
  {
    at,
    type: 'task_completed',
    department: 'finance',
    outcome: 'approve',
    comment: 'cost basis',
    details: { marginPct: 12 },
    summary: 's',
  },
  { at, type: 'production_plan', department: 'production', details: plan, summary: 'plan' },
  {
    at,
    type: 'change',
    summary: 'c',
    details: {
      changes: { deliveryAddress: 'new dock', items: [] },
      departments: ['finance'],
      opinions: [{ step: 'change_review', round: 1, department: 'finance', outcome: 'reject', reasons: ['margin gone'] }],
    },
  },
  {
    at,
    type: 'risk_assessed',
    summary: 'r',
    details: { cost: { level: 'high', reasons: ['margin 2%'] }, credit: { level: 'low', reasons: ['ok'] } },
  },
];

describe('the timeline as each reader sees it', () => {
  it("keeps finance's data, the plan, change reasons and the margin from quality staff", () => {
    const [completion, planned, change, risk] = timelineFor(actors.quality, policy, events);
    expect(completion).toEqual({ at, type: 'task_completed', department: 'finance', outcome: 'approve', summary: 's', restricted: true });
    // The policy shares the production plan with quality (000 §4.1.2).
    expect(planned.details).toEqual(plan);
    expect(change.details).toEqual({
      changes: { items: [] },
      departments: ['finance'],
      opinions: [{ step: 'change_review', round: 1, department: 'finance', outcome: 'reject', reasons: undefined }],
    });
    expect(risk.details).toEqual({ cost: { level: 'high', reasons: [] }, credit: { level: 'low', reasons: ['ok'] } });
  });

  it('hides the plan from a department it is not shared with, and shows everything to an auditor', () => {
    const planForFinance = timelineFor(actors.finance, policy, events)[1];
    expect(planForFinance).toMatchObject({ type: 'production_plan', restricted: true });
    expect(planForFinance).not.toHaveProperty('details');
    expect(timelineFor(actors.auditor, policy, events)).toEqual(events);
  });
});

describe('versions', () => {
  it('name a changed delivery address without its values to those who may not see contact details', () => {
    const v1 = sampleOrder({ customer: { id: 'C', name: 'N', email: 'a@b.example' } }) as unknown as Record<string, unknown>;
    const v2 = { ...v1, deliveryAddress: 'Dock 9', customer: { id: 'C', name: 'N2', email: 'c@d.example' } };
    const rows = [v1, v2].map((data, i) => ({
      orderNo: 'SO-1',
      version: i + 1,
      data,
      reason: 'r',
      createdBy: 's',
      createdAt: new Date(at),
    }));
    expect(versionViews(actors.production, rows)[1].diff).toEqual([
      { field: 'customer', before: { id: 'C', name: 'N' }, after: { id: 'C', name: 'N2' } },
      { field: 'deliveryAddress', restricted: true },
    ]);
    expect(versionViews(actors.sales, rows)[1].diff).toEqual([
      { field: 'customer', before: v1.customer, after: v2.customer },
      { field: 'deliveryAddress', before: v1.deliveryAddress, after: 'Dock 9' },
    ]);
    expect(orderDataFor(actors.production, v2)).not.toHaveProperty('deliveryAddress');
  });
});
