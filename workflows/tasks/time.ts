import { addClockHours, addWorkingDays, addWorkingHours, type BusinessCalendarConfig } from '../calendar';
import { calendarOf, type Policy } from '../policy';

// Time inside any workflow: its own clock and the business calendar of its pinned policy.

export const now = (): Date => new Date();

export const calendarFor = (policy: Policy): BusinessCalendarConfig => calendarOf(policy);

export function workingDaysAfter(policy: Policy, start: Date, days: number): Date {
  return addWorkingDays(calendarOf(policy), start, days);
}

/** Hour deadlines: clock hours, or working hours when the policy says so. */
export function hoursAfter(policy: Policy, start: Date, hours: number): Date {
  return policy.deadlines.hourDeadlines === 'working' ? addWorkingHours(calendarOf(policy), start, hours) : addClockHours(start, hours);
}
