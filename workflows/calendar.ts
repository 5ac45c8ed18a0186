// Business calendar for deadlines. Runs inside the Temporal workflow sandbox, so it
// imports only its own pure parts, never reads the clock and derives everything from its arguments.

import { MS_PER_DAY, MS_PER_HOUR, utcMillis } from './calendar-days';
import { localDay, zonedMillis } from './time-zones';

export interface CalendarData {
  /** ISO dates (YYYY-MM-DD) that are public holidays (no work even if Mon–Fri). */
  holidays: string[];
  /** ISO dates that are make-up working days (调休), worked even on a weekend. */
  makeupWorkdays: string[];
}

export interface BusinessCalendarConfig {
  /** IANA time zone, default 'Asia/Shanghai'. */
  timeZone: string;
  /** 'HH:mm', default '09:00'. */
  workdayStart: string;
  /** 'HH:mm', default '18:00'. */
  workdayEnd: string;
  data: CalendarData;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

// ---------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), so date arithmetic never touches a zone.

function parseIsoDate(isoDate: string, what = 'date'): number {
  const m = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
  if (!m) throw new Error(`Invalid ${what} ${JSON.stringify(isoDate)}: expected YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = utcMillis(y, mo, d);
  const t = new Date(ms);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() + 1 !== mo || t.getUTCDate() !== d) {
    throw new Error(`Invalid ${what} ${JSON.stringify(isoDate)}: not a real calendar date`);
  }
  return Math.round(ms / MS_PER_DAY);
}

function formatDay(day: number): string {
  const t = new Date(day * MS_PER_DAY);
  const y = t.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

function parseHhmm(hhmm: string, what = 'time'): { h: number; m: number } {
  const m = typeof hhmm === 'string' ? HH_MM.exec(hhmm) : null;
  if (!m) throw new Error(`Invalid ${what} ${JSON.stringify(hhmm)}: expected HH:mm (00:00–23:59)`);
  return { h: Number(m[1]), m: Number(m[2]) };
}

function checkInstant(instant: Date, what = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new Error(`Invalid ${what}: expected a valid Date`);
  return ms;
}

// ---------------------------------------------------------------------------
// Working days

interface DaySets {
  holidays: string[];
  makeupWorkdays: string[];
  holidayCount: number;
  makeupCount: number;
  holidaySet: Set<number>;
  makeupSet: Set<number>;
}

const daySetCache = new WeakMap<CalendarData, DaySets>();

function toDaySet(dates: string[], what: string): Set<number> {
  if (!Array.isArray(dates)) throw new Error(`Invalid calendar data: ${what} must be an array of YYYY-MM-DD`);
  const set = new Set<number>();
  for (const d of dates) set.add(parseIsoDate(d, `${what} entry`));
  return set;
}

function daySets(data: CalendarData): DaySets {
  if (!data || typeof data !== 'object') throw new Error('Invalid calendar data: expected { holidays, makeupWorkdays }');
  const cached = daySetCache.get(data);
  // Rebuild if the arrays were replaced or grew/shrank since they were cached.
  if (
    cached &&
    cached.holidays === data.holidays &&
    cached.makeupWorkdays === data.makeupWorkdays &&
    cached.holidayCount === data.holidays.length &&
    cached.makeupCount === data.makeupWorkdays.length
  )
    return cached;
  const sets: DaySets = {
    holidays: data.holidays,
    makeupWorkdays: data.makeupWorkdays,
    holidaySet: toDaySet(data.holidays, 'holidays'),
    makeupSet: toDaySet(data.makeupWorkdays, 'makeupWorkdays'),
    holidayCount: data.holidays.length,
    makeupCount: data.makeupWorkdays.length,
  };
  daySetCache.set(data, sets);
  return sets;
}

function isWorkingDayNumber(sets: DaySets, day: number): boolean {
  // Mon–Fri minus holidays, plus make-up days: a date listed in both counts as worked.
  if (sets.makeupSet.has(day)) return true;
  if (sets.holidaySet.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

export function isWorkingDay(cfg: BusinessCalendarConfig, isoDate: string): boolean {
  return isWorkingDayNumber(daySets(cfg.data), parseIsoDate(isoDate));
}

export function localDate(cfg: BusinessCalendarConfig, instant: Date): string {
  return formatDay(localDay(cfg.timeZone, checkInstant(instant)));
}

export function zonedTime(cfg: BusinessCalendarConfig, isoDate: string, hhmm: string): Date {
  const day = parseIsoDate(isoDate);
  const { h, m } = parseHhmm(hhmm);
  return new Date(zonedMillis(cfg.timeZone, day, h, m));
}

// ---------------------------------------------------------------------------
// Deadlines

function workingWindow(cfg: BusinessCalendarConfig): { start: { h: number; m: number }; end: { h: number; m: number } } {
  const start = parseHhmm(cfg.workdayStart, 'workdayStart');
  const end = parseHhmm(cfg.workdayEnd, 'workdayEnd');
  if (start.h * 60 + start.m >= end.h * 60 + end.m) {
    throw new Error(`Invalid working hours ${cfg.workdayStart}–${cfg.workdayEnd}: workdayStart must be before workdayEnd`);
  }
  return { start, end };
}

function checkCount(n: number, what: string, integer: boolean): void {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`Invalid ${what} ${String(n)}: expected a ${integer ? 'non-negative integer' : 'finite number >= 0'}`);
  }
}

export function addWorkingDays(cfg: BusinessCalendarConfig, start: Date, n: number): Date {
  checkCount(n, 'number of working days', true);
  const ms = checkInstant(start, 'start');
  const { end } = workingWindow(cfg);
  const sets = daySets(cfg.data);
  let day = localDay(cfg.timeZone, ms);
  for (let counted = 0; counted < n;) {
    day += 1;
    if (isWorkingDayNumber(sets, day)) counted += 1;
  }
  return new Date(zonedMillis(cfg.timeZone, day, end.h, end.m));
}

export function addClockHours(start: Date, hours: number): Date {
  checkCount(hours, 'number of hours', false);
  return new Date(checkInstant(start, 'start') + Math.round(hours * MS_PER_HOUR));
}

export function addWorkingHours(cfg: BusinessCalendarConfig, start: Date, hours: number): Date {
  checkCount(hours, 'number of hours', false);
  const startMs = checkInstant(start, 'start');
  const window = workingWindow(cfg);
  const sets = daySets(cfg.data);
  let remaining = Math.round(hours * MS_PER_HOUR);
  let day = localDay(cfg.timeZone, startMs);
  let cursor = startMs;
  for (;;) {
    if (isWorkingDayNumber(sets, day)) {
      const open = zonedMillis(cfg.timeZone, day, window.start.h, window.start.m);
      const close = zonedMillis(cfg.timeZone, day, window.end.h, window.end.m);
      const from = Math.max(cursor, open);
      // Ending exactly at closing time stays on this day rather than rolling to tomorrow's opening.
      if (from < close && remaining <= close - from) return new Date(from + remaining);
      if (from < close) remaining -= close - from;
    }
    day += 1;
    cursor = -Infinity;
  }
}

export function workingDaysBetween(cfg: BusinessCalendarConfig, fromDate: string, toDate: string): number {
  const from = parseIsoDate(fromDate, 'fromDate');
  const to = parseIsoDate(toDate, 'toDate');
  const sets = daySets(cfg.data);
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDayNumber(sets, day)) count += 1;
  return count;
}
