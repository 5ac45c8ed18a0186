// Wall-clock time in an IANA time zone, through Intl: the one part of the calendar that
// knows about zones. Pure, like the rest of the calendar.

import { MS_PER_DAY, MS_PER_HOUR, utcMillis } from './calendar-days';

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

export function wallClock(timeZone: string, ms: number): WallClock {
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
export function offsetAt(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  const floored = ms - (((ms % 1000) + 1000) % 1000);
  return utcMillis(w.y, w.mo, w.d, w.h, w.mi, w.s) - floored;
}

export function localDay(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  return Math.round(utcMillis(w.y, w.mo, w.d) / MS_PER_DAY);
}

/**
 * Wall time → instant. Skipped times (spring forward) move forward by the gap and
 * repeated times (fall back) take the earlier instant, as java.time and Temporal do.
 */
export function zonedMillis(timeZone: string, day: number, h: number, mi: number): number {
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
