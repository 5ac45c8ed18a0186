import { addClockHours, addWorkingDays, addWorkingHours, zonedTime, type BusinessCalendarConfig } from '../calendar';
import { calendarOf, type Policy } from '../policy';
import type { OrderRun } from './run';

// Time inside the order: the workflow's own clock and the business calendar of the policy
// the order pinned at intake.

export const policyOf = (run: OrderRun): Policy => run.input.policy.policy;
export const calendar = (run: OrderRun): BusinessCalendarConfig => calendarOf(policyOf(run));
export const now = (): Date => new Date();

export function workingDaysFrom(run: OrderRun, start: Date, days: number): Date {
  return addWorkingDays(calendar(run), start, days);
}

/** A deadline this many working days from now. */
export const workingDaysFromNow = (run: OrderRun, days: number): Date => workingDaysFrom(run, now(), days);

/** Hour deadlines of the urgent lane: clock hours, or working hours when the policy says so. */
export function hoursFrom(run: OrderRun, start: Date, hours: number): Date {
  return policyOf(run).deadlines.hourDeadlines === 'working' ? addWorkingHours(calendar(run), start, hours) : addClockHours(start, hours);
}

/** The end of the working day on a local calendar date, e.g. a milestone's planned date. */
export function endOfWorkingDay(run: OrderRun, isoDate: string): Date {
  return zonedTime(calendar(run), isoDate, calendar(run).workdayEnd);
}

/** The start of the working day on a local calendar date, e.g. a review meeting's date. */
export function startOfWorkingDay(run: OrderRun, isoDate: string): Date {
  return zonedTime(calendar(run), isoDate, calendar(run).workdayStart);
}
