import type { BusinessCalendarConfig } from './calendar';
import type { Policy } from '../src/policy/schema';

// The policy as the workflows see it: plain data carried in each workflow's input. Its
// schema and defaults live in src/policy; workflow code only reads it.

export type { Policy };

/** The policy an order runs under, pinned at intake so that later edits never change it. */
export interface PolicySnapshot {
  version: string;
  policy: Policy;
}

export function calendarOf(policy: Policy): BusinessCalendarConfig {
  return {
    timeZone: policy.timeZone,
    workdayStart: policy.workingHours.start,
    workdayEnd: policy.workingHours.end,
    data: policy.calendar,
  };
}
