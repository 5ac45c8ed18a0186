import { describe, it, expect } from 'vitest';
import {
  addClockHours,
  addWorkingDays,
  addWorkingHours,
  isWorkingDay,
  localDate,
  workingDaysBetween,
  zonedTime,
  type BusinessCalendarConfig,
} from '../../workflows/calendar';
import { prcCalendarData, prcCalendarYears } from '../../src/policy/calendar-data';

const cfg: BusinessCalendarConfig = {
  timeZone: 'Asia/Shanghai',
  workdayStart: '09:00',
  workdayEnd: '18:00',
  data: prcCalendarData(),
};

/** An instant given as Shanghai wall time. */
const sh = (isoDateTime: string): Date => new Date(`${isoDateTime}+08:00`);
const iso = (d: Date): string => d.toISOString();

describe('prcCalendarData', () => {
  it('ships 2025 onwards, sorted and without duplicates', () => {
    const { holidays, makeupWorkdays } = cfg.data;
    expect(holidays).toEqual([...new Set(holidays)].sort());
    expect(makeupWorkdays).toEqual([...new Set(makeupWorkdays)].sort());
    expect(holidays[0] >= '2025-01-01').toBe(true);
    expect(holidays).toContain('2025-10-01');
    expect(holidays).toContain('2026-02-23');
    expect(makeupWorkdays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28']));
    expect(prcCalendarYears()).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('selects years and returns nothing for a year without a schedule', () => {
    const y2025 = prcCalendarData([2025]);
    expect(y2025.holidays.every((d) => d.startsWith('2025-'))).toBe(true);
    expect(y2025.holidays).toHaveLength(28);
    expect(y2025.makeupWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(prcCalendarData([2030])).toEqual({ holidays: [], makeupWorkdays: [] });
    expect(() => prcCalendarData([2025.5])).toThrow(/year/);
  });
});

describe('isWorkingDay', () => {
  it('follows weekends, holidays and make-up days', () => {
    expect(isWorkingDay(cfg, '2025-11-12')).toBe(true); // plain Wednesday
    expect(isWorkingDay(cfg, '2025-11-15')).toBe(false); // plain Saturday
    expect(isWorkingDay(cfg, '2025-11-16')).toBe(false); // plain Sunday
    expect(isWorkingDay(cfg, '2025-09-28')).toBe(true); // make-up Sunday
    expect(isWorkingDay(cfg, '2025-10-11')).toBe(true); // make-up Saturday
    expect(isWorkingDay(cfg, '2025-10-01')).toBe(false); // National Day, Wednesday
    expect(isWorkingDay(cfg, '2025-10-06')).toBe(false); // Mid-autumn, Monday
    expect(isWorkingDay(cfg, '2025-05-05')).toBe(false); // Labour Day in lieu, Monday
    expect(isWorkingDay(cfg, '2026-02-14')).toBe(true); // make-up Saturday
    expect(isWorkingDay(cfg, '2026-02-23')).toBe(false); // Spring Festival, Monday
  });

  it('falls back to weekends for a year without data', () => {
    expect(isWorkingDay(cfg, '2030-01-01')).toBe(true); // would be New Year's Day, but unknown yet
    expect(isWorkingDay(cfg, '2030-01-05')).toBe(false); // Saturday
  });
});

describe('localDate', () => {
  it('uses the calendar time zone, not UTC', () => {
    expect(localDate(cfg, new Date('2025-11-13T15:30:00Z'))).toBe('2025-11-13'); // 23:30 local
    expect(localDate(cfg, new Date('2025-11-13T16:30:00Z'))).toBe('2025-11-14'); // 00:30 local
    expect(localDate(cfg, new Date('2025-11-13T15:59:59.999Z'))).toBe('2025-11-13');
    expect(localDate(cfg, new Date('2025-11-13T16:00:00Z'))).toBe('2025-11-14');
  });
});

describe('addWorkingDays', () => {
  it('skips the National Day week (1–8 October 2025)', () => {
    expect(iso(addWorkingDays(cfg, sh('2025-09-30T10:00'), 2))).toBe('2025-10-10T10:00:00.000Z');
  });

  it('counts the make-up Saturday before the 2026 Spring Festival and skips the festival', () => {
    expect(iso(addWorkingDays(cfg, sh('2026-02-13T15:00'), 1))).toBe('2026-02-14T10:00:00.000Z');
    expect(iso(addWorkingDays(cfg, sh('2026-02-13T15:00'), 2))).toBe('2026-02-24T10:00:00.000Z');
  });

  it('skips a plain weekend', () => {
    expect(iso(addWorkingDays(cfg, sh('2025-11-14T11:00'), 1))).toBe('2025-11-17T10:00:00.000Z'); // Fri → Mon
    expect(iso(addWorkingDays(cfg, sh('2025-11-14T11:00'), 5))).toBe('2025-11-21T10:00:00.000Z');
  });

  it('starts on a Saturday', () => {
    expect(iso(addWorkingDays(cfg, sh('2025-11-15T10:00'), 1))).toBe('2025-11-17T10:00:00.000Z');
    expect(iso(addWorkingDays(cfg, sh('2025-11-15T10:00'), 2))).toBe('2025-11-18T10:00:00.000Z');
  });

  it('counts from the local date late at night and just after midnight', () => {
    // 23:30 Thursday local = 15:30Z Thursday.
    expect(iso(addWorkingDays(cfg, new Date('2025-11-13T15:30:00Z'), 1))).toBe('2025-11-14T10:00:00.000Z');
    // 00:30 Friday local = 16:30Z Thursday: counting from Thursday would give Friday.
    expect(iso(addWorkingDays(cfg, new Date('2025-11-13T16:30:00Z'), 1))).toBe('2025-11-17T10:00:00.000Z');
  });

  it('n = 0 is the end of the start date', () => {
    expect(iso(addWorkingDays(cfg, sh('2025-11-12T10:00'), 0))).toBe('2025-11-12T10:00:00.000Z');
    expect(iso(addWorkingDays(cfg, new Date('2025-11-13T16:30:00Z'), 0))).toBe('2025-11-14T10:00:00.000Z');
  });

  it('counts a make-up Sunday', () => {
    // Sat 27 Sep 2025 + 1 → Sun 28 Sep (make-up day).
    expect(iso(addWorkingDays(cfg, sh('2025-09-27T10:00'), 1))).toBe('2025-09-28T10:00:00.000Z');
  });

  it('falls back to weekends in a year without data', () => {
    expect(iso(addWorkingDays(cfg, sh('2030-01-04T10:00'), 1))).toBe('2030-01-07T10:00:00.000Z');
    expect(iso(addWorkingDays(cfg, sh('2029-12-31T10:00'), 1))).toBe('2030-01-01T10:00:00.000Z');
  });

  it('honours a policy override of the data', () => {
    const custom: BusinessCalendarConfig = {
      ...cfg,
      data: { holidays: [...cfg.data.holidays, '2025-11-17'], makeupWorkdays: cfg.data.makeupWorkdays },
    };
    expect(iso(addWorkingDays(custom, sh('2025-11-14T11:00'), 1))).toBe('2025-11-18T10:00:00.000Z');
    const noMakeup: BusinessCalendarConfig = {
      ...cfg,
      data: { holidays: cfg.data.holidays, makeupWorkdays: cfg.data.makeupWorkdays.filter((d) => d !== '2026-02-14') },
    };
    expect(iso(addWorkingDays(noMakeup, sh('2026-02-13T15:00'), 2))).toBe('2026-02-25T10:00:00.000Z');
    // The shared data is untouched.
    expect(iso(addWorkingDays(cfg, sh('2025-11-14T11:00'), 1))).toBe('2025-11-17T10:00:00.000Z');
  });

  it('uses the configured working hours', () => {
    const late: BusinessCalendarConfig = { ...cfg, workdayStart: '10:00', workdayEnd: '19:30' };
    expect(iso(addWorkingDays(late, sh('2025-11-14T11:00'), 1))).toBe('2025-11-17T11:30:00.000Z');
  });
});

describe('addClockHours', () => {
  it('adds elapsed hours regardless of the calendar', () => {
    expect(iso(addClockHours(sh('2025-09-30T17:00'), 2))).toBe('2025-09-30T11:00:00.000Z');
    expect(iso(addClockHours(sh('2025-09-30T17:00'), 1.5))).toBe('2025-09-30T10:30:00.000Z');
    expect(iso(addClockHours(sh('2025-09-30T17:00'), 24))).toBe('2025-10-01T09:00:00.000Z');
    expect(iso(addClockHours(sh('2025-09-30T17:00'), 0))).toBe('2025-09-30T09:00:00.000Z');
  });
});

describe('addWorkingHours', () => {
  it('stays within the day', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T10:00'), 2))).toBe('2025-11-12T04:00:00.000Z');
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T10:00'), 0.25))).toBe('2025-11-12T02:15:00.000Z');
  });

  it('ends at closing time rather than the next opening', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T09:00'), 9))).toBe('2025-11-12T10:00:00.000Z');
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T09:00'), 9.5))).toBe('2025-11-13T01:30:00.000Z');
  });

  it('carries across a night', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T16:00'), 4))).toBe('2025-11-13T03:00:00.000Z'); // Thu 11:00
  });

  it('carries across a weekend', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-11-14T17:00'), 3))).toBe('2025-11-17T03:00:00.000Z'); // Mon 11:00
  });

  it('carries across a holiday', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-09-30T17:00'), 2))).toBe('2025-10-09T02:00:00.000Z'); // Thu 9 Oct 10:00
    expect(iso(addWorkingHours(cfg, sh('2025-09-27T10:00'), 1))).toBe('2025-09-28T02:00:00.000Z'); // make-up Sunday
  });

  it('starts counting at the next opening when outside working time', () => {
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T07:00'), 0.5))).toBe('2025-11-12T01:30:00.000Z'); // before opening
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T20:00'), 1))).toBe('2025-11-13T02:00:00.000Z'); // evening
    expect(iso(addWorkingHours(cfg, sh('2025-11-15T12:00'), 1))).toBe('2025-11-17T02:00:00.000Z'); // Saturday
    expect(iso(addWorkingHours(cfg, new Date('2025-11-13T16:30:00Z'), 1))).toBe('2025-11-14T02:00:00.000Z'); // 00:30 local
    expect(iso(addWorkingHours(cfg, sh('2025-11-12T18:00'), 0))).toBe('2025-11-13T01:00:00.000Z');
  });

  it('counts several days of working hours', () => {
    // 24 working hours from Fri 26 Sep 2025 09:00: Fri 9h, Sun 28 (make-up) 9h, Mon 29 6h → 15:00.
    expect(iso(addWorkingHours(cfg, sh('2025-09-26T09:00'), 24))).toBe('2025-09-29T07:00:00.000Z');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after fromDate up to and including toDate', () => {
    expect(workingDaysBetween(cfg, '2025-09-30', '2025-10-10')).toBe(2);
    expect(workingDaysBetween(cfg, '2025-09-26', '2025-10-11')).toBe(6); // 28, 29, 30 Sep; 9, 10, 11 Oct
    expect(workingDaysBetween(cfg, '2025-11-14', '2025-11-21')).toBe(5);
    expect(workingDaysBetween(cfg, '2026-02-13', '2026-02-24')).toBe(2);
    expect(workingDaysBetween(cfg, '2025-11-14', '2025-11-14')).toBe(0);
    expect(workingDaysBetween(cfg, '2025-11-21', '2025-11-14')).toBe(0);
    expect(workingDaysBetween(cfg, '2025-12-31', '2026-12-31')).toBe(
      365 - 104 - 33 + 6 + 14, // days − weekend days − holidays + make-up days + holidays on weekends
    );
  });
});

describe('zonedTime', () => {
  it('converts Shanghai wall time', () => {
    expect(iso(zonedTime(cfg, '2025-10-10', '18:00'))).toBe('2025-10-10T10:00:00.000Z');
    expect(iso(zonedTime(cfg, '2025-01-01', '00:00'))).toBe('2024-12-31T16:00:00.000Z');
  });

  it('handles the European DST switch (last Sunday of March / October 2025)', () => {
    const berlin: BusinessCalendarConfig = { ...cfg, timeZone: 'Europe/Berlin', data: { holidays: [], makeupWorkdays: [] } };
    expect(iso(zonedTime(berlin, '2025-03-29', '12:00'))).toBe('2025-03-29T11:00:00.000Z'); // CET +01:00
    expect(iso(zonedTime(berlin, '2025-03-30', '01:30'))).toBe('2025-03-30T00:30:00.000Z'); // still CET
    expect(iso(zonedTime(berlin, '2025-03-30', '02:30'))).toBe('2025-03-30T01:30:00.000Z'); // skipped → 03:30 CEST
    expect(iso(zonedTime(berlin, '2025-03-30', '03:00'))).toBe('2025-03-30T01:00:00.000Z'); // CEST +02:00
    expect(iso(zonedTime(berlin, '2025-03-30', '12:00'))).toBe('2025-03-30T10:00:00.000Z');
    expect(iso(zonedTime(berlin, '2025-10-26', '02:30'))).toBe('2025-10-26T00:30:00.000Z'); // repeated → earlier
    expect(iso(zonedTime(berlin, '2025-10-26', '12:00'))).toBe('2025-10-26T11:00:00.000Z'); // CET again

    // Deadlines across the switch keep local wall time.
    expect(iso(addWorkingDays(berlin, new Date('2025-03-28T09:00:00Z'), 1))).toBe('2025-03-31T16:00:00.000Z');
    expect(iso(addWorkingHours(berlin, new Date('2025-03-28T16:00:00Z'), 2))).toBe('2025-03-31T08:00:00.000Z');
  });

  it('handles southern-hemisphere and non-hour offsets', () => {
    const ny = { ...cfg, timeZone: 'America/New_York' };
    expect(iso(zonedTime(ny, '2025-03-09', '09:00'))).toBe('2025-03-09T13:00:00.000Z'); // EDT, same day as switch
    const sydney = { ...cfg, timeZone: 'Australia/Sydney' };
    expect(iso(zonedTime(sydney, '2025-01-15', '09:00'))).toBe('2025-01-14T22:00:00.000Z'); // AEDT +11
    expect(iso(zonedTime(sydney, '2025-07-15', '09:00'))).toBe('2025-07-14T23:00:00.000Z'); // AEST +10
    const kathmandu = { ...cfg, timeZone: 'Asia/Kathmandu' };
    expect(iso(zonedTime(kathmandu, '2025-07-15', '09:00'))).toBe('2025-07-15T03:15:00.000Z'); // +05:45
  });
});

describe('invalid input', () => {
  it('throws clear errors', () => {
    const t = sh('2025-11-12T10:00');
    expect(() => addWorkingDays(cfg, t, -1)).toThrow(/non-negative integer/);
    expect(() => addWorkingDays(cfg, t, 1.5)).toThrow(/non-negative integer/);
    expect(() => addWorkingDays(cfg, t, Number.NaN)).toThrow(Error);
    expect(() => addWorkingDays(cfg, new Date(Number.NaN), 1)).toThrow(/valid Date/);
    expect(() => addClockHours(t, -0.5)).toThrow(/hours/);
    expect(() => addWorkingHours(cfg, t, -1)).toThrow(/hours/);
    expect(() => addWorkingHours(cfg, t, Number.POSITIVE_INFINITY)).toThrow(/hours/);
    expect(() => isWorkingDay(cfg, '2025-13-01')).toThrow(/not a real calendar date/);
    expect(() => isWorkingDay(cfg, '2025-02-29')).toThrow(/not a real calendar date/);
    expect(() => isWorkingDay(cfg, '2025/01/01')).toThrow(/YYYY-MM-DD/);
    expect(() => workingDaysBetween(cfg, '2025-01-01', '20250102')).toThrow(/toDate/);
    expect(() => zonedTime(cfg, '2025-01-01', '24:00')).toThrow(/HH:mm/);
    expect(() => zonedTime(cfg, '2025-01-01', '9:00')).toThrow(/HH:mm/);
    expect(() => localDate({ ...cfg, timeZone: 'Mars/Olympus_Mons' }, t)).toThrow(/time zone/);
    expect(() => addWorkingDays({ ...cfg, workdayStart: '18:00', workdayEnd: '09:00' }, t, 1)).toThrow(/workdayStart/);
    expect(() => isWorkingDay({ ...cfg, data: { holidays: ['2025-1-1'], makeupWorkdays: [] } }, '2025-01-02')).toThrow(/holidays entry/);
  });

  it('accepts a leap day', () => {
    expect(isWorkingDay(cfg, '2028-02-29')).toBe(true);
  });
});
