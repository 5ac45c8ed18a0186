import { localDate, workingDaysBetween } from '../calendar';
import { calendarOf, type Policy } from '../policy';
import type { OrderInput } from './order-input';
import type { Classification, UrgencyRule } from './types';

/** Routine or complex as sales declares it; urgent by any rule of 001 §2. */
export function classifyOrder(policy: Policy, order: OrderInput, receivedAt: Date): Classification {
  const cal = calendarOf(policy);
  const rules: UrgencyRule[] = [];
  const leadTime = workingDaysBetween(cal, localDate(cal, receivedAt), order.requestedDeliveryDate);
  if (leadTime <= policy.urgent.leadTimeWorkingDays) rules.push('short_lead_time');
  if (order.customer.tier && policy.urgent.keyCustomerTiers.includes(order.customer.tier)) rules.push('key_customer');
  if (order.urgent) rules.push('flagged');
  return { kind: order.kind, urgent: rules.length > 0, urgentRules: rules };
}
