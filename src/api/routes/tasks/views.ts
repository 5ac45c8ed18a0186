import { z } from 'zod';
import type { tasks } from '../../../db/schema';
import { formOf, type TaskKind } from '../../../forms/task-forms';
import { taskStatuses } from '../../../../workflows/order/types';
import { isoInstant, personRef } from '../../http/schemas';

type TaskRow = typeof tasks.$inferSelect;

const jsonObject = z.record(z.string(), z.unknown());

export const taskSummarySchema = z.object({
  id: z.string(),
  /** The order the task is about; null for a task about an issue found outside any order. */
  orderNo: z.string().nullable(),
  /** What the task is about when it is not the order itself: an inspection's or an issue's id. */
  subject: z.string().nullable(),
  department: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(taskStatuses),
  priority: z.enum(['urgent', 'normal']),
  dueAt: isoInstant,
  overdue: z.boolean(),
  assignee: z.string().nullable(),
  outcomes: z.array(z.string()),
  /** Urgent orders: 'expedite' for procurement, 'priority' for logistics (001 §5). */
  markers: z.array(z.string()),
});

export const taskDetailSchema = taskSummarySchema.extend({
  step: z.string(),
  round: z.number().int(),
  requiredRole: z.string().nullable(),
  context: jsonObject.nullable(),
  /** JSON Schema of the data the first (positive) outcome needs. */
  form: jsonObject,
  /** JSON Schema of the data, per outcome. */
  forms: z.record(z.string(), jsonObject),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  data: jsonObject.nullable(),
  /** True when the task's data, comment and context are another department's and left out. */
  restricted: z.boolean(),
  createdAt: isoInstant,
  claimedAt: isoInstant.nullable(),
  completedAt: isoInstant.nullable(),
  completedBy: personRef.nullable(),
});

/** The inbox line of DESIGN §8. */
export function taskSummary(t: TaskRow): z.infer<typeof taskSummarySchema> {
  return {
    id: t.id,
    orderNo: t.orderNo,
    subject: t.subject,
    department: t.department,
    kind: t.kind,
    title: t.title,
    status: t.status as z.infer<typeof taskSummarySchema>['status'],
    priority: t.priority > 0 ? 'urgent' : 'normal',
    dueAt: t.dueAt.toISOString(),
    overdue: t.overdue,
    assignee: t.assignee,
    outcomes: t.outcomes,
    markers: Array.isArray(t.context?.markers) ? (t.context.markers as string[]) : [],
  };
}

/** The forms are fixed while the process runs: each is converted to JSON Schema once, not per request. */
const publishedForms = new Map<string, Record<string, unknown>>();

function publishedForm(kind: TaskKind, outcome: string): Record<string, unknown> {
  const key = `${kind}:${outcome}`;
  let form = publishedForms.get(key);
  if (!form) {
    const schema = formOf(kind, outcome);
    form = schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : { type: 'object' };
    publishedForms.set(key, form);
  }
  return form;
}

/**
 * The whole task, self-describing: a client completes it from `outcomes` and `form` alone.
 * A restricted view leaves out what the task's department decided and why.
 */
export function taskDetail(t: TaskRow, { restricted = false } = {}): z.infer<typeof taskDetailSchema> {
  const forms = Object.fromEntries(t.outcomes.map((o) => [o, publishedForm(t.kind as TaskKind, o)]));
  return {
    ...taskSummary(t),
    step: t.step,
    round: t.round,
    requiredRole: t.requiredRole,
    context: restricted ? null : t.context,
    form: forms[t.outcomes[0]] ?? { type: 'object' },
    forms,
    outcome: t.outcome,
    comment: restricted ? null : t.comment,
    data: restricted ? null : t.data,
    restricted,
    createdAt: t.createdAt.toISOString(),
    claimedAt: t.claimedAt?.toISOString() ?? null,
    completedAt: t.completedAt?.toISOString() ?? null,
    completedBy: t.completedBy ? { sub: t.completedBy, name: t.completedByName ?? t.completedBy } : null,
  };
}
