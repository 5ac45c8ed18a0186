import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkCompletion, formOf, outcomesOf, taskForms, taskKinds } from '../../src/forms/task-forms';
import { taskDetail } from '../../src/api/routes/tasks/views';
import type { tasks } from '../../src/db/schema';
import { sampleOrder } from '../helpers/fixtures';

type TaskRow = typeof tasks.$inferSelect;

function taskRow(overrides: Partial<TaskRow> = {}): TaskRow {
  return {
    id: 'SO-20251112-0001:review:1:production',
    orderNo: 'SO-20251112-0001',
    workflowId: null,
    subject: null,
    department: 'production',
    kind: 'review',
    step: 'review',
    round: 1,
    title: 'Review order SO-20251112-0001',
    status: 'OPEN',
    priority: 0,
    dueAt: new Date('2025-11-14T10:00:00Z'),
    overdue: false,
    requiredRole: null,
    outcomes: ['approve', 'reject'],
    context: null,
    assignee: null,
    outcome: null,
    comment: null,
    data: null,
    createdAt: new Date('2025-11-12T02:00:00Z'),
    claimedAt: null,
    completedAt: null,
    completedBy: null,
    completedByName: null,
    ...overrides,
  };
}

interface JsonSchemaObject {
  type?: string;
  properties?: Record<string, JsonSchemaObject>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchemaObject;
  minItems?: number;
}

describe('outcomes', () => {
  it('lists the positive outcome first for every task kind', () => {
    expect(taskKinds).toEqual(
      expect.arrayContaining(['review', 'renegotiation', 'escalation', 'contract_review', 'final_inspection', 'risk_plan']),
    );
    const positive: Record<string, string> = {
      review: 'approve',
      contract_review: 'approve',
      design_review: 'approve',
      incoming_inspection: 'pass',
      final_inspection: 'pass',
      customer_acceptance: 'accepted',
      compensation_approval: 'approve',
      risk_plan: 'reduce',
    };
    for (const [kind, first] of Object.entries(positive)) expect(outcomesOf(kind as never)[0]).toBe(first);
    expect(outcomesOf('review')).toEqual(['approve', 'reject', 'infeasible']);
    expect(outcomesOf('renegotiation')).toEqual(['revise', 'cancel']);
    expect(outcomesOf('escalation')).toEqual(['acknowledge']);
  });

  it('requires, for each outcome, exactly the fields its step needs, and has no form for other outcomes', () => {
    // Reviews and approvals need reasons only to reject; every other step records what it did.
    const required: Record<string, Record<string, string[]>> = {
      review: { approve: [], reject: ['reasons'], infeasible: ['reasons'] },
      urgent_confirmation: { confirmed: ['confirmedWithCustomer', 'requestedDate', 'reason'] },
      urgent_negotiation: { move_date: ['newDate'], add_resources: ['resources', 'extraCost'], change_process: ['change'] },
      change_approval: { approve: [], reject: ['reasons'] },
      change_review: { approve: [], reject: ['reasons'] },
      change_renegotiation: { revise: ['changes', 'summary'], withdraw: ['reason'] },
      re_planning: { replanned: ['actions'] },
      re_costing: { recosted: ['marginPct'] },
      plan_revision: { revised: ['batches', 'milestones'] },
      review_meeting: { scheduled: ['meetingDate'] },
      renegotiation: { revise: ['revision', 'summary'], cancel: ['reason'] },
      escalation: { acknowledge: ['action'] },
      contract_draft: { drafted: ['contractNo', 'summary'] },
      contract_review: { approve: [], reject: ['reasons'] },
      contract_signature: { signed: ['signedOn', 'customerSignatory'] },
      design: { completed: ['designRef', 'summary'] },
      design_review: { approve: [], reject: ['reasons'] },
      design_change: { revised: ['changes', 'impact'] },
      production_plan: { planned: ['batches', 'milestones'] },
      material_purchase: { purchased: ['purchaseOrders', 'expectedArrival'] },
      incoming_inspection: { pass: [], fail: ['defects'] },
      material_remedy: { replace: [], return: [], resupply: [] },
      material_receipt: { received: ['receiptNo'] },
      milestone: { done: ['completedOn'] },
      final_inspection: { pass: ['certificateNo'], fail: ['defects'] },
      rework: { reworked: ['actions'] },
      packaging: { packed: ['packages', 'labelled'] },
      shipping_plan: { planned: ['shipDate', 'method', 'route', 'carrier'] },
      dispatch: { dispatched: ['outboundNoteNo', 'quantityMatches', 'specMatches'] },
      transport: { delivered: ['deliveryNoteNo', 'signedBy', 'signedOn'] },
      customer_acceptance: { accepted: ['acceptedOn'], rejected: ['issues'] },
      rectification: { rectified: ['actions'] },
      satisfaction_check: { surveyed: ['score'], unreachable: ['reason'] },
      post_order_summary: { closed: ['summary'] },
      overdue_explanation: { explained: ['reason', 'compensationPlan', 'newDeliveryDate'] },
      compensation_approval: { approve: [], reject: ['reasons'] },
      risk_plan: { reduce: ['measures'], avoid: ['measures'], transfer: ['measures'], accept: ['measures'] },
      inspection_review: { done: ['decisions'] },
      root_cause: { analysed: ['rootCause', 'causeType', 'impact'] },
      rectification_plan: { planned: ['measures', 'owner', 'dueDate'] },
      rectification_progress: { rectified: ['actions'] },
      issue_verification: { pass: [], fail: ['reasons'] },
      rectification_notice: { done: ['response'] },
      complaint_reply: { replied: ['reply', 'channel'] },
      ticket_dispatch: { dispatched: ['team', 'category', 'firstResponse'] },
      ticket_resolution: { remote: ['actions'], on_site: ['engineer', 'visitDate', 'actions'] },
      ticket_evaluation: { resolved: [], not_resolved: ['reason'] },
      ticket_survey: { surveyed: ['score'], unreachable: ['reason'] },
      spare_part_replenishment: { ordered: ['quantity', 'purchaseOrderNo'] },
      collection: { contacted: ['result'] },
      settlement: { settled: ['summary', 'invoicesComplete'] },
    };
    const actual = Object.fromEntries(
      taskKinds.map((kind) => [
        kind,
        Object.fromEntries(
          outcomesOf(kind).map((o) => {
            const schema = formOf(kind, o);
            const json = schema && (z.toJSONSchema(schema, { io: 'input' }) as { required?: string[] });
            return [o, json ? (json.required ?? []) : ['(no form)']];
          }),
        ),
      ]),
    );
    expect(actual).toEqual(required);
    expect(formOf('review', 'revise')).toBeUndefined();
    expect(formOf('review', 'toString')).toBeUndefined();
    expect(formOf('escalation', '__proto__')).toBeUndefined();
  });
});

describe('checkCompletion: review', () => {
  it('approves without data or with notes', () => {
    expect(checkCompletion('review', 'approve', undefined)).toEqual({ ok: true, data: {} });
    expect(checkCompletion('review', 'approve', { notes: 'capacity available in week 48' })).toEqual({
      ok: true,
      data: { notes: 'capacity available in week 48' },
    });
  });

  it('fails a rejection without reasons', () => {
    const missing = checkCompletion('review', 'reject', {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.issues.map((i) => i.path)).toContain('data.reasons');

    const empty = checkCompletion('review', 'reject', { reasons: [] });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.message).toContain('at least one reason is needed');
      expect(empty.issues).toEqual([{ path: 'data.reasons', message: 'at least one reason is needed' }]);
    }
  });

  it('fails a rejection whose reasons are empty strings', () => {
    for (const reasons of [[''], ['   '], ['no capacity', '']]) {
      const result = checkCompletion('review', 'reject', { reasons });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0].path).toMatch(/^data\.reasons\.\d$/);
    }
  });

  it('passes a rejection with reasons and keeps the suggestions', () => {
    const result = checkCompletion('review', 'reject', {
      reasons: ['  no capacity before December  '],
      suggestions: ['deliver in two lots', 'move the date to 2026-01-15'],
    });
    expect(result).toEqual({
      ok: true,
      data: {
        reasons: ['no capacity before December'],
        suggestions: ['deliver in two lots', 'move the date to 2026-01-15'],
      },
    });
  });

  it('fails an unknown outcome with a message listing the allowed ones', () => {
    const result = checkCompletion('review', 'maybe', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("'maybe'");
      expect(result.message).toContain('allowed: approve, reject');
      expect(result.issues).toEqual([{ path: 'outcome', message: 'not an allowed outcome' }]);
    }
    const other = checkCompletion('escalation', 'approve', {});
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toContain('allowed: acknowledge');
  });

  it('fails unknown keys in data (strict forms)', () => {
    const approve = checkCompletion('review', 'approve', { notes: 'ok', approvedBy: 'pete' });
    expect(approve.ok).toBe(false);
    if (!approve.ok) expect(approve.message).toContain('approvedBy');
    expect(checkCompletion('review', 'reject', { reasons: ['no'], reason: 'no' }).ok).toBe(false);
    expect(checkCompletion('escalation', 'acknowledge', { action: 'called the head', extra: 1 }).ok).toBe(false);
  });

  it('fails data that is not an object', () => {
    expect(checkCompletion('review', 'approve', 'yes').ok).toBe(false);
    expect(checkCompletion('review', 'reject', ['reason']).ok).toBe(false);
  });
});

describe('checkCompletion: renegotiation and escalation', () => {
  it('accepts a revision that follows the order rules', () => {
    const items = [{ ...sampleOrder().items[0], quantity: 300 }];
    const result = checkCompletion('renegotiation', 'revise', {
      revision: { items, requestedDeliveryDate: '2026-01-15' },
      summary: 'smaller lot, later date',
    });
    expect(result).toEqual({
      ok: true,
      data: { revision: { items, requestedDeliveryDate: '2026-01-15' }, summary: 'smaller lot, later date' },
    });
  });

  it('validates the revision with the order rules', () => {
    const negative = checkCompletion('renegotiation', 'revise', {
      revision: { items: [{ ...sampleOrder().items[0], quantity: -5 }] },
      summary: 'fewer pieces',
    });
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.issues.map((i) => i.path)).toContain('data.revision.items.0.quantity');

    const badDate = checkCompletion('renegotiation', 'revise', { revision: { requestedDeliveryDate: '2026-02-30' }, summary: 'later' });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.message).toContain('expected a real calendar date as YYYY-MM-DD');

    // The kind of order cannot change in a revision.
    const kind = checkCompletion('renegotiation', 'revise', { revision: { kind: 'complex' }, summary: 'now complex' });
    expect(kind.ok).toBe(false);

    const noSummary = checkCompletion('renegotiation', 'revise', { revision: {} });
    expect(noSummary.ok).toBe(false);
    if (!noSummary.ok) expect(noSummary.issues.map((i) => i.path)).toContain('data.summary');
  });

  it('needs a reason to cancel and an action to acknowledge', () => {
    expect(checkCompletion('renegotiation', 'cancel', {}).ok).toBe(false);
    expect(checkCompletion('renegotiation', 'cancel', { reason: ' ' }).ok).toBe(false);
    expect(checkCompletion('renegotiation', 'cancel', { reason: 'customer withdrew' })).toEqual({
      ok: true,
      data: { reason: 'customer withdrew' },
    });
    expect(checkCompletion('escalation', 'acknowledge', {}).ok).toBe(false);
    expect(checkCompletion('escalation', 'acknowledge', { action: 'reassigned to Paula' }).ok).toBe(true);
  });
});

describe('taskDetail forms', () => {
  it('publishes a JSON Schema per outcome of a review task', () => {
    const detail = taskDetail(taskRow());
    const forms = detail.forms as Record<string, JsonSchemaObject>;
    expect(Object.keys(forms)).toEqual(['approve', 'reject']);
    for (const schema of Object.values(forms)) {
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
    }
    expect(detail.form).toEqual(forms.approve);
    expect(forms.approve.required ?? []).not.toContain('notes');
    expect(forms.reject.required).toContain('reasons');
    expect(forms.reject.required).not.toContain('suggestions');
    expect(forms.reject.properties?.reasons).toMatchObject({ type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } });
  });

  it('publishes the order rules in the revise form of a renegotiation task', () => {
    const detail = taskDetail(
      taskRow({ kind: 'renegotiation', step: 'renegotiation', department: 'sales', outcomes: ['revise', 'cancel'] }),
    );
    const forms = detail.forms as Record<string, JsonSchemaObject>;
    expect(Object.keys(forms)).toEqual(['revise', 'cancel']);
    for (const schema of Object.values(forms)) expect(schema.type).toBe('object');
    expect(detail.form).toEqual(forms.revise);
    expect(forms.revise.required).toEqual(expect.arrayContaining(['revision', 'summary']));
    const revision = forms.revise.properties?.revision;
    expect(revision?.type).toBe('object');
    expect(revision?.required ?? []).toEqual([]);
    expect(revision?.properties).not.toHaveProperty('kind');
    expect(revision?.properties?.items).toMatchObject({ type: 'array', minItems: 1 });
    expect(revision?.properties?.items?.items?.required).toEqual(expect.arrayContaining(['sku', 'quantity', 'unitPrice']));
    expect(forms.cancel.required).toEqual(['reason']);
  });

  it('publishes an object schema for every outcome of every kind', () => {
    for (const kind of taskKinds) {
      const detail = taskDetail(taskRow({ kind, outcomes: outcomesOf(kind) }));
      const forms = detail.forms as Record<string, JsonSchemaObject>;
      expect(Object.keys(forms)).toEqual(Object.keys(taskForms[kind]));
      for (const schema of Object.values(forms)) expect(schema.type).toBe('object');
    }
  });

  it('falls back to a plain object schema for an outcome without a form', () => {
    const detail = taskDetail(taskRow({ outcomes: ['approve', 'defer'] }));
    expect((detail.forms as Record<string, JsonSchemaObject>).defer).toEqual({ type: 'object' });
  });

  it('carries the summary fields', () => {
    const detail = taskDetail(taskRow({ priority: 1, assignee: 'pete', claimedAt: new Date('2025-11-12T03:00:00Z') }));
    expect(detail).toMatchObject({
      id: 'SO-20251112-0001:review:1:production',
      priority: 'urgent',
      dueAt: '2025-11-14T10:00:00.000Z',
      claimedAt: '2025-11-12T03:00:00.000Z',
      completedAt: null,
      completedBy: null,
      outcomes: ['approve', 'reject'],
    });
  });
});
