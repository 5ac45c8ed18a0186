import { z } from 'zod';
import { orderRevisionSchema } from './schema';

// Every task kind declares its outcomes (the positive one first) and, per outcome, the
// zod schema of the completion data. The API publishes them as JSON Schema so that any
// client can render and complete any task; the workflow's update validator applies the
// very same schemas.

const reason = z.string().trim().min(1).max(2000);

/** A rejection always carries reasons; a review rejection may also suggest a way out. */
const rejection = z.strictObject({
  reasons: z.array(reason).min(1, 'a rejection needs at least one reason'),
  suggestions: z.array(reason).optional(),
});

const noData = z.strictObject({ notes: z.string().max(2000).optional() });

export const taskForms = {
  /** 評審: one department's review of the order in a review round. */
  review: {
    approve: noData,
    reject: rejection,
  },
  /** Sales answers a rejected round: a revised order (version n+1) or cancellation. */
  renegotiation: {
    revise: z.strictObject({
      revision: orderRevisionSchema,
      summary: reason,
    }),
    cancel: z.strictObject({ reason }),
  },
  /** A missed deadline, escalated to the department head or to management. */
  escalation: {
    acknowledge: z.strictObject({ action: reason }),
  },
} satisfies Record<string, Record<string, z.ZodType>>;

export type TaskKind = keyof typeof taskForms;
export const taskKinds = Object.keys(taskForms) as TaskKind[];

export function outcomesOf(kind: TaskKind): string[] {
  return Object.keys(taskForms[kind]);
}

export function formOf(kind: TaskKind, outcome: string): z.ZodType | undefined {
  const forms = taskForms[kind] as Record<string, z.ZodType>;
  return Object.prototype.hasOwnProperty.call(forms, outcome) ? forms[outcome] : undefined;
}

export type CompletionCheck =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; message: string; issues: { path: string; message: string }[] };

/** Checks an outcome and its data against the task kind's form. */
export function checkCompletion(kind: TaskKind, outcome: string, data: unknown): CompletionCheck {
  const form = formOf(kind, outcome);
  if (!form) {
    return {
      ok: false,
      message: `outcome '${outcome}' is not allowed; allowed: ${outcomesOf(kind).join(', ')}`,
      issues: [{ path: 'outcome', message: 'not an allowed outcome' }],
    };
  }
  const parsed = form.safeParse(data ?? {});
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const issues = parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
  return { ok: false, message: `data does not match the '${outcome}' form: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues };
}
