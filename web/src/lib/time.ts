// Dates and deadlines as the business sees them: in the policy time zone, whatever the
// browser's own zone is.

export const POLICY_TIME_ZONE = 'Asia/Shanghai';

function parts(date: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2026-11-25 14:05" in the given zone (ISO-like, the same in every language). */
export function formatDateTime(iso: string, timeZone: string = POLICY_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in the given zone. */
export function localDate(date: Date, timeZone: string = POLICY_TIME_ZONE): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The month (YYYY-MM) of an instant in the given zone. */
export function localMonth(date: Date, timeZone: string = POLICY_TIME_ZONE): string {
  return localDate(date, timeZone).slice(0, 7);
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export interface Countdown {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Whole days, hours and minutes between now and the deadline; past it, how long ago. */
export function countdown(dueAt: string, now: Date): Countdown {
  const diff = new Date(dueAt).getTime() - now.getTime();
  const total = Math.floor(Math.abs(diff) / 60_000);
  return {
    overdue: diff < 0,
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "剩余 1天3小时" / "overdue by 2 h 5 min": the two largest non-zero units. */
export function countdownText(c: Countdown, t: Translate): string {
  const units: [string, number][] = [
    ['countdown.days', c.days],
    ['countdown.hours', c.hours],
    ['countdown.minutes', c.minutes],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  const time =
    first === -1
      ? t('countdown.lessThanMinute')
      : units
          .slice(first, first + 2)
          .filter(([, n]) => n > 0)
          .map(([key, n]) => t(key, { count: n }))
          .join(' ');
  return t(c.overdue ? 'countdown.overdueBy' : 'countdown.left', { time });
}
