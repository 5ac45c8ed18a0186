import { z } from 'zod';
import { text } from '../lib/text';
import { isoDateString } from '../orders/schema';

// The forms of the inspection policy's tasks (002 §3.3, §5, §6.1): the inspector's review of
// a run's findings, the issue loop (root cause, rectification plan, rectification,
// verification), audit's rectification notice and the reply to a complaint.

const date = isoDateString.meta({ format: 'date' });
export const severities = ['high', 'medium', 'low'] as const;
export const severity = z.enum(severities);

/** A finding the inspector adds by hand: what, on which order, who must rectify it, how bad. */
export const addedFinding = z.strictObject({
  orderNo: z.string().max(64).optional(),
  content: text(4000),
  impact: text(2000),
  severity,
  department: text(64),
});

/** One automatic finding's fate: confirmed (an issue is opened), or dismissed with a reason. */
const decision = z.discriminatedUnion('decision', [
  z.strictObject({
    findingId: text(200),
    decision: z.literal('confirm'),
    severity: severity.optional(),
    impact: z.string().max(2000).optional(),
  }),
  z.strictObject({ findingId: text(200), decision: z.literal('dismiss'), reason: text(2000) }),
]);

export const inspectionForms = {
  /** 002 §3.3: the inspector goes through the run's findings and may add more. */
  inspection_review: {
    done: z.strictObject({ decisions: z.array(decision).max(2000), added: z.array(addedFinding).max(200).optional() }),
  },
  /** 002 §5.2: the responsible department analyses the cause and the impact. */
  root_cause: {
    analysed: z.strictObject({
      rootCause: text(4000),
      causeType: z.enum(['human', 'process', 'system', 'other']),
      impact: text(2000),
    }),
  },
  /** 002 §5.3.1: measures, an owner and a due date within the policy's rectification deadline. */
  rectification_plan: {
    planned: z.strictObject({ measures: z.array(text(2000)).min(1).max(50), owner: text(200), dueDate: date }),
  },
  /** 002 §5.3.2, §5.4.1: the owner carries the measures out and reports what was done. */
  rectification_progress: {
    rectified: z.strictObject({ actions: text(4000), evidence: z.string().max(2000).optional() }),
  },
  /** 002 §5.4.2: the inspecting department checks the effect; a fail goes back to the root cause. */
  issue_verification: {
    pass: z.strictObject({ notes: z.string().max(2000).optional() }),
    fail: z.strictObject({ reasons: z.array(text()).min(1, 'at least one reason is needed') }),
  },
  /** 002 §6.1.2: audit's rectification notice, answered by the responsible department by its deadline. */
  rectification_notice: {
    done: z.strictObject({ response: text(4000) }),
  },
  /** 002 §3.3.2: customer service replies to the customer with the solution. */
  complaint_reply: {
    replied: z.strictObject({ reply: text(4000), channel: z.enum(['phone', 'email', 'visit', 'other']) }),
  },
} satisfies Record<string, Record<string, z.ZodType>>;
