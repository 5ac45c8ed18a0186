import { z } from 'zod';
import { text } from '../lib/text';
import { isoDateString, orderRevisionSchema } from '../orders/schema';
import { instalmentTerm } from '../policy/finance';
import { afterSalesForms } from './after-sales-forms';
import { financeForms } from './finance-forms';
import { inspectionForms } from './inspection-forms';

// Every task kind declares its outcomes (the positive one first) and, per outcome, the
// zod schema of the completion data. The API validates with these schemas and publishes
// them as JSON Schema so that any client can render and complete any task; the workflow's
// Update validator checks the same JSON Schema with validators generated from it
// (`npm run gen:forms`), so no schema library is loaded into each workflow's sandbox.

const reasons = z.array(text()).min(1, 'at least one reason is needed');
const date = isoDateString.meta({ format: 'date' });

/** A rejection always carries reasons. */
const rejection = z.strictObject({ reasons, suggestions: z.array(text()).optional() });
const notes = z.strictObject({ notes: z.string().max(2000).optional() });
const yes = z.literal(true);

export const productionPlanSchema = z.strictObject({
  batches: z
    .array(
      z.strictObject({
        batchNo: text(64),
        quantity: z.number().positive(),
        plannedStart: date,
        plannedEnd: date,
      }),
    )
    .min(1),
  milestones: z
    .array(z.strictObject({ name: text(200), plannedDate: date }))
    .min(1)
    .max(50),
  notes: z.string().max(4000).optional(),
});

export const riskResponse = z.strictObject({
  measures: z.array(text()).min(1, 'name at least one measure'),
  responsible: z.string().max(200).optional(),
});

export const taskForms = {
  /** 評審: one department's review of the order in a review round; finance states the margin. */
  review: {
    approve: z.strictObject({ notes: z.string().max(2000).optional(), marginPct: z.number().min(-100).max(100).optional() }),
    reject: rejection,
    /** 001 §4: the requested date cannot be met; an urgent order goes to negotiation. */
    infeasible: rejection,
  },
  /** 001 §3.1: sales confirms an urgent order with the customer (the urgent identification form). */
  urgent_confirmation: {
    confirmed: z.strictObject({ confirmedWithCustomer: yes, requestedDate: date, reason: text() }),
  },
  /** 001 §4: an infeasible urgent order is negotiated; the chosen option is recorded. */
  urgent_negotiation: {
    move_date: z.strictObject({ newDate: date, note: z.string().max(2000).optional() }),
    add_resources: z.strictObject({ resources: text(), extraCost: z.number().nonnegative() }),
    change_process: z.strictObject({ change: text() }),
  },
  /** 000 §6: the sales head approves a change request; the touched departments re-review it. */
  change_approval: {
    approve: notes,
    reject: rejection,
  },
  change_review: {
    approve: notes,
    reject: rejection,
  },
  change_renegotiation: {
    revise: z.strictObject({ changes: orderRevisionSchema, summary: text() }),
    withdraw: z.strictObject({ reason: text() }),
  },
  /** 000 §6.3: departments already past the changed step adjust their plans. */
  re_planning: {
    replanned: z.strictObject({ actions: text() }),
  },
  /** 000 §6.3: finance re-costs every agreed change and states the margin it leaves. */
  re_costing: {
    recosted: z.strictObject({
      marginPct: z.number().min(-100).max(100),
      costDelta: z.number().min(-1e12).max(1e12).optional(),
      notes: z.string().max(2000).optional(),
    }),
  },
  /** 000 §6.3.1: production revises the plan when a change moves quantity or date. */
  plan_revision: {
    revised: productionPlanSchema,
  },
  /** Complex orders: sales convenes the review meeting with the notice the policy requires. */
  review_meeting: {
    scheduled: z.strictObject({ meetingDate: date, location: z.string().max(500).optional(), agenda: z.string().max(4000).optional() }),
  },
  /** Sales answers a rejected round: a revised order (version n+1) or cancellation. */
  renegotiation: {
    revise: z.strictObject({ revision: orderRevisionSchema, summary: text() }),
    cancel: z.strictObject({ reason: text() }),
  },
  /** A missed deadline, escalated to the department head or to management. */
  escalation: {
    acknowledge: z.strictObject({ action: text() }),
  },
  /** 002 §3.2: sales drafts the contract, legal reviews it, sales records the signature. */
  contract_draft: {
    drafted: z.strictObject({ contractNo: text(64), summary: text(4000) }),
  },
  contract_review: {
    approve: notes,
    reject: rejection,
  },
  contract_signature: {
    signed: z.strictObject({
      signedOn: date,
      customerSignatory: text(200),
      /** The contract's payment terms; the policy's default terms when none are given. */
      instalments: z
        .array(instalmentTerm)
        .min(1)
        .max(12)
        .refine((list) => Math.abs(list.reduce((sum, i) => sum + i.percent, 0) - 100) < 0.001, 'the instalments add up to 100 %')
        .optional(),
    }),
  },
  /** 003 §3.2: design for a new product, its cross-department review and controlled change. */
  design: {
    completed: z.strictObject({ designRef: text(200), summary: text(4000) }),
  },
  design_review: {
    approve: notes,
    reject: rejection,
  },
  design_change: {
    revised: z.strictObject({
      changes: text(4000),
      impact: z.strictObject({ cost: text(1000), schedule: text(1000), quality: text(1000) }),
    }),
  },
  /** 000 §4.1: the production plan. */
  production_plan: {
    planned: productionPlanSchema,
  },
  /** 000 §4.2: purchase, incoming inspection, receipt; a failed inspection loops back. */
  material_purchase: {
    purchased: z.strictObject({ purchaseOrders: z.array(text(64)).min(1), expectedArrival: date }),
  },
  incoming_inspection: {
    pass: notes,
    fail: z.strictObject({ defects: reasons }),
  },
  material_remedy: {
    replace: notes,
    return: notes,
    resupply: notes,
  },
  material_receipt: {
    received: z.strictObject({ receiptNo: text(64) }),
  },
  /** 000 §4.3: production reports each milestone. */
  milestone: {
    done: z.strictObject({ completedOn: date, quantity: z.number().nonnegative().optional(), notes: z.string().max(2000).optional() }),
  },
  /** 000 §5.1: final inspection; a fail sends production to rework. */
  final_inspection: {
    pass: z.strictObject({ certificateNo: text(64) }),
    fail: z.strictObject({ defects: reasons }),
  },
  rework: {
    reworked: z.strictObject({ actions: text(4000) }),
  },
  /** 000 §5.2–5.4: packaging and labels, shipping plan, dispatch, transport and delivery note. */
  packaging: {
    packed: z.strictObject({ packages: z.number().int().positive(), labelled: yes }),
  },
  shipping_plan: {
    planned: z.strictObject({ shipDate: date, method: text(200), route: text(500), carrier: text(200) }),
  },
  dispatch: {
    dispatched: z.strictObject({ outboundNoteNo: text(64), quantityMatches: yes, specMatches: yes }),
  },
  transport: {
    delivered: z.strictObject({ deliveryNoteNo: text(64), signedBy: text(200), signedOn: date }),
  },
  /** 003 §4.2: customer acceptance; a failure starts rectification and re-acceptance. */
  customer_acceptance: {
    accepted: z.strictObject({ acceptedOn: date, satisfaction: z.number().int().min(1).max(5).optional() }),
    rejected: z.strictObject({ issues: reasons }),
  },
  rectification: {
    rectified: z.strictObject({ actions: text(4000) }),
  },
  /** 002 §2.2.3: after acceptance customer service asks the customer how satisfied they are. */
  satisfaction_check: {
    surveyed: z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }),
    unreachable: z.strictObject({ reason: text() }),
  },
  post_order_summary: {
    closed: z.strictObject({ summary: text(8000), lessons: z.string().max(8000).optional() }),
  },
  /** 003 §4.1: an overdue delivery is explained, compensated and approved by the sales head. */
  overdue_explanation: {
    explained: z.strictObject({ reason: text(4000), compensationPlan: text(4000), newDeliveryDate: date }),
  },
  compensation_approval: {
    approve: notes,
    reject: rejection,
  },
  /** 000 §7.2: a high risk gets a plan; the outcome is the chosen response. */
  risk_plan: {
    reduce: riskResponse,
    avoid: riskResponse,
    transfer: riskResponse,
    accept: riskResponse,
  },
  ...inspectionForms,
  ...afterSalesForms,
  ...financeForms,
} satisfies Record<string, Record<string, z.ZodType>>;

export type TaskForms = typeof taskForms;
export type TaskKind = keyof TaskForms;
export const taskKinds = Object.keys(taskForms) as TaskKind[];

export function outcomesOf(kind: TaskKind): string[] {
  return Object.keys(taskForms[kind]);
}

export function formOf(kind: TaskKind, outcome: string): z.ZodType | undefined {
  const forms = taskForms[kind] as Record<string, z.ZodType> | undefined;
  return forms && Object.prototype.hasOwnProperty.call(forms, outcome) ? forms[outcome] : undefined;
}

/**
 * The published form: the JSON Schema of the data an outcome needs. Clients render it, and
 * the workflow's Update validator checks completions against validators compiled from it.
 */
export function formJsonSchema(kind: TaskKind, outcome: string): Record<string, unknown> {
  const schema = formOf(kind, outcome);
  if (!schema) return { type: 'object' };
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
}

export type CompletionCheck =
  { ok: true; data: Record<string, unknown> } | { ok: false; message: string; issues: { path: string; message: string }[] };

/** Checks an outcome and its data against the task kind's form, as the API receives them. */
export function checkCompletion(kind: TaskKind, outcome: string, data: unknown): CompletionCheck {
  const form = formOf(kind, outcome);
  if (!form) {
    return {
      ok: false,
      message: `outcome '${outcome}' is not allowed; allowed: ${taskForms[kind] ? outcomesOf(kind).join(', ') : 'none'}`,
      issues: [{ path: 'outcome', message: 'not an allowed outcome' }],
    };
  }
  const parsed = form.safeParse(data ?? {});
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const issues = parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
  return {
    ok: false,
    message: `data does not match the '${outcome}' form: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  };
}
