import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { completeTask, orderView } from '../../workflows/order/messages';
import { formJsonSchema, outcomesOf, type TaskKind } from '../../src/forms/task-forms';
import { fillForm } from '../../src/cli/form-filler';
import type { Actor, OrderView, Task } from '../../workflows/order/types';

const DAY = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a department would enter for each kind of task, with dates around `base`. A kind
 * without an entry is answered with its first outcome, its form filled as a generic client would.
 */
export function defaultCompletion(kind: TaskKind, base: number): [string, Record<string, unknown>] {
  const d = (days: number) => isoDay(base + days * DAY);
  const table: Partial<Record<TaskKind, [string, Record<string, unknown>]>> = {
    review: ['approve', {}],
    review_meeting: ['scheduled', { meetingDate: d(10), location: 'Room 3' }],
    renegotiation: ['revise', { revision: {}, summary: 'customer agreed' }],
    escalation: ['acknowledge', { action: 'chased the reviewer' }],
    contract_draft: ['drafted', { contractNo: 'HT-2026-001', summary: 'standard terms, 30% deposit' }],
    contract_review: ['approve', {}],
    contract_signature: ['signed', { signedOn: d(1), customerSignatory: 'Chen Li' }],
    design: ['completed', { designRef: 'DWG-7', summary: 'new valve body' }],
    design_review: ['approve', {}],
    design_change: [
      'revised',
      { changes: 'thicker wall', impact: { cost: '+2%', schedule: '+3 days', quality: 'better pressure margin' } },
    ],
    production_plan: [
      'planned',
      {
        batches: [{ batchNo: 'B1', quantity: 400, plannedStart: d(5), plannedEnd: d(40) }],
        milestones: [
          { name: 'machining', plannedDate: d(20) },
          { name: 'assembly', plannedDate: d(40) },
        ],
      },
    ],
    material_purchase: ['purchased', { purchaseOrders: ['PO-88'], expectedArrival: d(7) }],
    incoming_inspection: ['pass', {}],
    material_remedy: ['replace', { notes: 'supplier replaces the lot' }],
    material_receipt: ['received', { receiptNo: 'GRN-5' }],
    milestone: ['done', { completedOn: d(0) }],
    final_inspection: ['pass', { certificateNo: 'QC-77' }],
    rework: ['reworked', { actions: 're-lapped the seats' }],
    packaging: ['packed', { packages: 8, labelled: true }],
    shipping_plan: ['planned', { shipDate: d(2), method: 'road', route: 'Hangzhou–Ningbo', carrier: 'SF Freight' }],
    dispatch: ['dispatched', { outboundNoteNo: 'OUT-9', quantityMatches: true, specMatches: true }],
    transport: ['delivered', { deliveryNoteNo: 'DN-3', signedBy: 'Wang Fang', signedOn: d(0) }],
    customer_acceptance: ['accepted', { acceptedOn: d(0), satisfaction: 5 }],
    rectification: ['rectified', { actions: 'replaced two valves' }],
    satisfaction_check: ['surveyed', { score: 4, comment: 'delivered as promised' }],
    post_order_summary: ['closed', { summary: 'delivered on time' }],
    overdue_explanation: ['explained', { reason: 'casting supplier late', compensationPlan: '2% discount', newDeliveryDate: d(20) }],
    compensation_approval: ['approve', {}],
    risk_plan: ['reduce', { measures: ['weekly supplier call'] }],
    urgent_confirmation: ['confirmed', { confirmedWithCustomer: true, requestedDate: d(5), reason: 'line stoppage at the customer' }],
    urgent_negotiation: ['add_resources', { resources: 'weekend shift', extraCost: 12000 }],
    change_approval: ['approve', {}],
    change_review: ['approve', {}],
    change_renegotiation: ['withdraw', { reason: 'customer keeps the original order' }],
    re_planning: ['replanned', { actions: 'moved batch B2' }],
    re_costing: ['recosted', { marginPct: 12.5, costDelta: 4200 }],
    plan_revision: [
      'revised',
      {
        batches: [{ batchNo: 'B1', quantity: 500, plannedStart: d(5), plannedEnd: d(45) }],
        milestones: [
          { name: 'machining', plannedDate: d(25) },
          { name: 'assembly', plannedDate: d(45) },
        ],
      },
    ],
  };
  const known = table[kind];
  if (known) return known;
  const outcome = outcomesOf(kind)[0];
  return [outcome, fillForm(formJsonSchema(kind, outcome), d(0)) as Record<string, unknown>];
}

export function actorFor(t: Task): Actor {
  return { sub: `${t.department}-user`, name: `${t.department} user`, departments: [t.department], roles: [t.requiredRole ?? 'staff'] };
}

export type Choice = (t: Task) => [string, Record<string, unknown>] | undefined;

export function complete(h: WorkflowHandle, t: Task, outcome: string, data: Record<string, unknown>) {
  return h.executeUpdate(completeTask, { args: [{ taskId: t.id, outcome, data, actor: actorFor(t) }] });
}

/**
 * Completes the order's open process tasks as their departments would, until `until`
 * holds. Escalations and risk plans are left alone: they never hold the process up.
 */
export async function drive(
  h: WorkflowHandle,
  base: number,
  until: (v: OrderView) => boolean,
  choose: Choice = () => undefined,
): Promise<OrderView> {
  for (let i = 0; i < 400; i++) {
    const v = await h.query(orderView);
    if (until(v)) return v;
    const t = v.openTasks.find((x) => x.kind !== 'escalation' && x.kind !== 'risk_plan');
    if (!t) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const [outcome, data] = choose(t) ?? defaultCompletion(t.kind, base);
    await complete(h, t, outcome, data);
  }
  throw new Error(`the order did not get there: ${JSON.stringify(await h.query(orderView)).slice(0, 800)}`);
}

/** The rejection type an Update's validator raised, or undefined when it was accepted. */
export async function rejectionType(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as { type?: string }).type;
    throw err;
  }
  return undefined;
}
