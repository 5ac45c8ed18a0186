import { createRequire } from 'node:module';
import type { CalendarData } from '../../workflows/calendar';

// PRC public holidays and make-up working days (调休) from the `chinese-days` package.
// The State Council publishes each year's schedule late in the previous year; a year the
// package does not know yet simply falls back to plain weekends until the package (or
// the policy's own calendar data) is updated.

interface ChineseDaysJson {
  /** Every day off of a holiday period, weekends inside the period included. */
  holidays: Record<string, string>;
  /** Make-up working days, all on weekends. */
  workdays: Record<string, string>;
  /** Weekdays given off in exchange for a make-up day; every one is also listed in `holidays`. */
  inLieuDays: Record<string, string>;
}

/** Earliest year shipped by default; older years are of no use to new orders. */
export const FIRST_CALENDAR_YEAR = 2025;

let source: ChineseDaysJson | undefined;

function load(): ChineseDaysJson {
  // The package is CommonJS without an exports map; requiring the JSON avoids import attributes.
  source ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  return source;
}

const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** Years for which the package has an official schedule, ascending. */
export function prcCalendarYears(): number[] {
  const data = load();
  const years = new Set<number>();
  for (const d of [...Object.keys(data.holidays), ...Object.keys(data.workdays)]) years.add(yearOf(d));
  return [...years].sort((a, b) => a - b);
}

/** Holidays and make-up working days for the given years (default: every shipped year from 2025 on). */
export function prcCalendarData(years?: number[]): CalendarData {
  if (years !== undefined) {
    for (const y of years) {
      if (!Number.isInteger(y)) throw new Error(`Invalid calendar year ${String(y)}: expected an integer`);
    }
  }
  const wanted = new Set(years ?? prcCalendarYears().filter((y) => y >= FIRST_CALENDAR_YEAR));
  const data = load();
  const pick = (dates: string[]): string[] => [...new Set(dates.filter((d) => wanted.has(yearOf(d))))].sort();
  // In-lieu days are days off; the package lists them as holidays too, but union them so
  // a data release that stops doing so cannot turn them into working days.
  const holidays = pick([...Object.keys(data.holidays), ...Object.keys(data.inLieuDays)]);
  const makeupWorkdays = pick(Object.keys(data.workdays));
  return { holidays, makeupWorkdays };
}
