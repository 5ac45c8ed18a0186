import { localDate, workingDaysBetween } from '../calendar';
import { calendar, hoursFrom, now, policyOf } from './clock';
import { notifyDepartments } from './notify';
import { acts } from './projection';
import { classificationOf, type OrderRun } from './run';
import { isFinal, urgentMarkers } from './task-engine';
import type { ChangeRequest, Classification, UrgencyRule } from './types';

// 001 §2 after an agreed change: a change that flags the order urgent, or moves its date
// within the urgent lead time, puts it in the urgent lane from then on (priority, markers,
// hour deadlines for its open reviews, escalation straight to management); a change that
// takes the flag away, or moves the date out again, takes it out.

/** The urgency rules that hold after the change; a rule the change did not touch stays as it was. */
export function urgencyAfterChange(run: OrderRun, fields: string[]): Classification {
  const { s } = run;
  const policy = policyOf(run);
  const before = classificationOf(run);
  const rules = new Set<UrgencyRule>(before.urgentRules);
  const set = (rule: UrgencyRule, holds: boolean) => (holds ? rules.add(rule) : rules.delete(rule));
  if (fields.includes('urgent')) set('flagged', s.order.urgent !== undefined);
  if (fields.includes('customer'))
    set('key_customer', !!s.order.customer.tier && policy.urgent.keyCustomerTiers.includes(s.order.customer.tier));
  if (fields.includes('requestedDeliveryDate')) {
    const cal = calendar(run);
    set(
      'short_lead_time',
      workingDaysBetween(cal, localDate(cal, now()), s.order.requestedDeliveryDate) <= policy.urgent.leadTimeWorkingDays,
    );
  }
  const order: UrgencyRule[] = ['short_lead_time', 'key_customer', 'flagged'];
  const urgentRules = order.filter((r) => rules.has(r));
  return { kind: before.kind, urgent: urgentRules.length > 0, urgentRules };
}

/** Moves the order into or out of the urgent lane when the change's rules say so. */
export async function followChangeUrgency(run: OrderRun, c: ChangeRequest, fields: string[]): Promise<void> {
  const { s } = run;
  const before = classificationOf(run);
  const after = urgencyAfterChange(run, fields);
  if (after.urgent === before.urgent && after.urgentRules.join() === before.urgentRules.join()) return;
  s.urgency = after;
  if (after.urgent === before.urgent) {
    await acts.recordUrgency({
      orderNo: run.input.orderNo,
      urgent: after.urgent,
      urgentRules: after.urgentRules,
      reason: `change ${c.seq}`,
      tasks: [],
    });
    return;
  }
  const reviewBy = hoursFrom(run, now(), policyOf(run).deadlines.urgentReviewHours).toISOString();
  const open = Object.values(s.tasks).filter((t) => !isFinal(t));
  for (const t of open) {
    const { markers: _markers, ...context } = t.context ?? {};
    const markers = urgentMarkers(run, t.department);
    t.priority = after.urgent ? 'urgent' : 'normal';
    t.context = markers ? { ...context, markers } : context;
    if (after.urgent && (t.kind === 'review' || t.kind === 'change_review') && t.dueAt > reviewBy) t.dueAt = reviewBy;
  }
  s.deadlineEpoch = (s.deadlineEpoch ?? 0) + 1;
  await acts.recordUrgency({
    orderNo: run.input.orderNo,
    urgent: after.urgent,
    urgentRules: after.urgentRules,
    reason: `change ${c.seq}: ${after.urgent ? 'into' : 'out of'} the urgent lane`,
    tasks: open.map((t) => ({ id: t.id, priority: t.priority, dueAt: t.dueAt, context: t.context ?? null })),
  });
  if (after.urgent) {
    await notifyDepartments(
      run,
      'urgent_processing_sheet',
      `c${c.seq}`,
      policyOf(run).urgent.processingSheetTo,
      `Urgent processing sheet: order ${run.input.orderNo}`,
      {
        urgentRules: after.urgentRules,
        items: s.order.items,
        requestedDeliveryDate: s.order.requestedDeliveryDate,
        change: c.id,
      },
    );
  }
}
