import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en';
import { zh } from '../../../web/src/i18n/zh';
import { countdown, countdownText, formatDateTime, localDate, localMonth, monthRange } from '../../../web/src/lib/time';

// Deadlines are shown in the policy time zone whatever the browser's own zone is.

async function translator(lng: 'zh-CN' | 'en') {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zh }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

describe('dates in the policy time zone', () => {
  it('shows an instant as Shanghai wall-clock time', () => {
    expect(formatDateTime('2026-11-27T10:00:00.000Z')).toBe('2026-11-27 18:00');
    expect(formatDateTime('2026-12-31T16:30:00Z', 'Asia/Shanghai')).toBe('2027-01-01 00:30');
    expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('takes the calendar date and month where the business is, not where the browser is', () => {
    const lateEveningUtc = new Date('2026-01-31T17:00:00Z'); // already 1 February in Shanghai
    expect(localDate(lateEveningUtc)).toBe('2026-02-01');
    expect(localMonth(lateEveningUtc)).toBe('2026-02');
    expect(localMonth(lateEveningUtc, 'UTC')).toBe('2026-01');
  });

  it('knows the last day of each month', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('countdowns', () => {
  const now = new Date('2026-11-25T02:00:00Z');

  it('counts whole days, hours and minutes to the deadline', () => {
    expect(countdown('2026-11-27T10:00:00Z', now)).toEqual({ overdue: false, days: 2, hours: 8, minutes: 0 });
    expect(countdown('2026-11-25T02:45:59Z', now)).toEqual({ overdue: false, days: 0, hours: 0, minutes: 45 });
  });

  it('counts how long ago a missed deadline was', () => {
    expect(countdown('2026-11-24T23:30:00Z', now)).toEqual({ overdue: true, days: 0, hours: 2, minutes: 30 });
  });

  it('says it in the two largest units, in either language', async () => {
    const zhT = await translator('zh-CN');
    const enT = await translator('en');
    expect(countdownText(countdown('2026-11-27T10:00:00Z', now), zhT)).toBe('剩余 2天 8小时');
    expect(countdownText(countdown('2026-11-27T10:05:00Z', now), enT)).toBe('2 d 8 h left');
    expect(countdownText(countdown('2026-11-24T23:30:00Z', now), zhT)).toBe('已逾期 2小时 30分钟');
    expect(countdownText(countdown('2026-11-24T23:30:00Z', now), enT)).toBe('overdue by 2 h 30 min');
    expect(countdownText(countdown('2026-11-25T02:00:20Z', now), zhT)).toBe('剩余 不到1分钟');
    expect(countdownText(countdown('2026-11-26T02:00:00Z', now), enT)).toBe('1 d left');
  });
});
