import { localDate, zonedTime } from '../../workflows/calendar';
import { calendarOf, type Policy } from '../../workflows/policy';

// The period a KPI report covers: whole local days in the policy time zone, `from` and
// `to` both included, as the business counts a month.

export interface KpiPeriod {
  /** First and last local day, both included (YYYY-MM-DD). */
  from: string;
  to: string;
  timeZone: string;
  /** The instants the period runs between: `from` 00:00 local, up to (not including) the day after `to`, 00:00 local. */
  start: Date;
  end: Date;
  /** When the figures are taken: facts after it are not known yet, deadlines after it have not passed. */
  asOf: Date;
  /** The local day of `asOf`. */
  today: string;
  /** The end of the working day (HH:mm): a promised delivery date runs until then. */
  workdayEnd: string;
}

/** The local calendar day after `isoDate`. */
export function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function kpiPeriod(policy: Policy, from: string, to: string, asOf = new Date()): KpiPeriod {
  const cal = calendarOf(policy);
  return {
    from,
    to,
    timeZone: policy.timeZone,
    start: zonedTime(cal, from, '00:00'),
    end: zonedTime(cal, nextDay(to), '00:00'),
    asOf,
    today: localDate(cal, asOf),
    workdayEnd: policy.workingHours.end,
  };
}

/** The first and last day of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month (YYYY-MM) before the one `isoDate` falls in. */
export function previousMonth(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Whole days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
