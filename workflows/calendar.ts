// Business calendar for deadlines. Runs inside the Temporal workflow sandbox, so it
// imports nothing, never reads the clock and derives everything from its arguments.

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

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

// ---------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), so date arithmetic never touches a zone.

function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime();
}

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

// ---------------------------------------------------------------------------
// Time zones via Intl

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    if (typeof timeZone !== 'string' || timeZone === '') throw new Error('Invalid time zone: expected an IANA name');
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new Error(`Invalid time zone ${JSON.stringify(timeZone)}: expected an IANA name such as 'Asia/Shanghai'`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallClock(timeZone: string, ms: number): WallClock {
  const w: WallClock = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0 };
  let bc = false;
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    switch (p.type) {
      case 'year':
        w.y = Number(p.value);
        break;
      case 'month':
        w.mo = Number(p.value);
        break;
      case 'day':
        w.d = Number(p.value);
        break;
      // Some ICU versions still print midnight as 24 despite h23.
      case 'hour':
        w.h = Number(p.value) % 24;
        break;
      case 'minute':
        w.mi = Number(p.value);
        break;
      case 'second':
        w.s = Number(p.value);
        break;
      case 'era':
        bc = /^b/i.test(p.value);
        break;
    }
  }
  if (bc) w.y = 1 - w.y;
  return w;
}

/** Offset of the zone from UTC at an instant, in ms (east positive); the wall clock ignores milliseconds. */
function offsetAt(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  const floored = ms - (((ms % 1000) + 1000) % 1000);
  return utcMillis(w.y, w.mo, w.d, w.h, w.mi, w.s) - floored;
}

function localDay(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  return Math.round(utcMillis(w.y, w.mo, w.d) / MS_PER_DAY);
}

/**
 * Wall time → instant. Skipped times (spring forward) move forward by the gap and
 * repeated times (fall back) take the earlier instant, as java.time and Temporal do.
 */
function zonedMillis(timeZone: string, day: number, h: number, mi: number): number {
  const wall = day * MS_PER_DAY + h * MS_PER_HOUR + mi * 60_000;
  const before = offsetAt(timeZone, wall - MS_PER_DAY);
  const after = offsetAt(timeZone, wall + MS_PER_DAY);
  if (before === after) {
    const t = wall - before;
    if (offsetAt(timeZone, t) === before) return t;
  }
  const candidates = [wall - before, wall - after]
    .filter((t, i) => offsetAt(timeZone, t) === (i === 0 ? before : after))
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0];
  // In a gap: read the wall time with the offset in force before it, which lands after the gap.
  return wall - before;
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
