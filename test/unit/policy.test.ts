import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPolicy, loadPolicy, PolicyError } from '../../src/policy/load';
import { calendarOf } from '../../workflows/policy';
import { isWorkingDay } from '../../workflows/calendar';

/** The error a call throws, so that its class and message can both be checked. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to throw');
}

describe('policy defaults (DESIGN §6)', () => {
  const { policy } = buildPolicy();

  it('has the deadlines of the table', () => {
    expect(policy.deadlines).toMatchObject({
      routineReviewWorkingDays: 2,
      complexReviewWorkingDays: 5,
      complexMeetingNoticeWorkingDays: 2,
      changeReReviewWorkingDays: 2,
      escalateToManagementAfterWorkingDays: 1,
      urgentConfirmHours: 2,
      urgentReviewHours: 4,
      afterSalesFirstResponseHours: 24,
      inspectionRectificationWorkingDays: 5,
      hourDeadlines: 'clock',
    });
    expect(policy.progressReport.intervalDays).toBe(7);
  });

  it('has the urgency rules, time zone and working hours', () => {
    expect(policy.urgent).toMatchObject({ leadTimeWorkingDays: 7, keyCustomerTiers: ['key'], escalateStraightToManagement: true });
    expect(policy.timeZone).toBe('Asia/Shanghai');
    expect(policy.workingHours).toEqual({ start: '09:00', end: '18:00' });
  });

  it('has the reviewers of routine and complex orders', () => {
    expect(policy.review.routineDepartments).toEqual(['production', 'procurement', 'engineering', 'quality', 'finance']);
    expect(policy.review.complexExtraDepartments).toEqual(['rnd', 'equipment']);
    for (const d of [...policy.review.routineDepartments, ...policy.review.complexExtraDepartments]) {
      expect(policy.departments).toContain(d);
    }
  });

  it('has the order number rule SO-{yyyy}{mm}{dd}-{seq} with 4 digits', () => {
    expect(policy.orderNumber).toEqual({ pattern: '{prefix}-{yyyy}{mm}{dd}-{seq}', prefix: 'SO', sequenceDigits: 4 });
  });

  it('ships the PRC calendar', () => {
    expect(policy.calendar.holidays).toContain('2025-10-01');
    expect(policy.calendar.makeupWorkdays).toContain('2026-02-14');
    const cal = calendarOf(policy);
    expect(cal).toMatchObject({ timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' });
    expect(cal.data).toBe(policy.calendar);
    expect(isWorkingDay(cal, '2025-10-01')).toBe(false); // National Day, a Wednesday
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // make-up Saturday
  });
});

describe('policy version', () => {
  it('is stable for equal input', () => {
    const a = buildPolicy();
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(buildPolicy().version).toBe(a.version);
    expect(buildPolicy({}).version).toBe(a.version);
    expect(buildPolicy(undefined).version).toBe(a.version);
    // Spelling out a default changes nothing.
    expect(buildPolicy({ deadlines: { routineReviewWorkingDays: 2 } }).version).toBe(a.version);
  });

  it('does not depend on the order of keys', () => {
    const a = buildPolicy({ deadlines: { routineReviewWorkingDays: 3, complexReviewWorkingDays: 6 }, timeZone: 'Asia/Hong_Kong' });
    const b = buildPolicy({ timeZone: 'Asia/Hong_Kong', deadlines: { complexReviewWorkingDays: 6, routineReviewWorkingDays: 3 } });
    expect(b.version).toBe(a.version);
  });

  it('changes when a value changes', () => {
    const base = buildPolicy().version;
    const versions = [
      buildPolicy({ deadlines: { routineReviewWorkingDays: 3 } }).version,
      buildPolicy({ urgent: { keyCustomerTiers: ['key', 'strategic'] } }).version,
      buildPolicy({ workingHours: { start: '08:30', end: '17:30' } }).version,
      buildPolicy({ calendar: { holidays: [], makeupWorkdays: [] } }).version,
    ];
    expect(versions).not.toContain(base);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('policy overrides', () => {
  it('override of one nested value keeps the other defaults', () => {
    const defaults = buildPolicy().policy;
    const { policy } = buildPolicy({ deadlines: { complexReviewWorkingDays: 8 } });
    expect(policy.deadlines).toEqual({ ...defaults.deadlines, complexReviewWorkingDays: 8 });
    expect(policy.review).toEqual(defaults.review);
    expect(policy.orderNumber).toEqual(defaults.orderNumber);
    expect(policy.calendar).toEqual(defaults.calendar);
  });

  it('keeps the other order number fields when only the prefix changes', () => {
    const { policy } = buildPolicy({ orderNumber: { prefix: 'PO' } });
    expect(policy.orderNumber).toEqual({ pattern: '{prefix}-{yyyy}{mm}{dd}-{seq}', prefix: 'PO', sequenceDigits: 4 });
  });

  it('replaces the shipped calendar when the override brings its own', () => {
    const { policy } = buildPolicy({ calendar: { holidays: ['2025-11-17'], makeupWorkdays: [] } });
    expect(policy.calendar).toEqual({ holidays: ['2025-11-17'], makeupWorkdays: [] });
    expect(isWorkingDay(calendarOf(policy), '2025-10-01')).toBe(true);
    expect(isWorkingDay(calendarOf(policy), '2025-11-17')).toBe(false);
  });

  it('rejects an unknown top-level key, naming it', () => {
    const err = thrown(() => buildPolicy({ deadline: { routineReviewWorkingDays: 3 } }));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toMatch(/invalid policy/);
    expect(err.message).toContain('"deadline"');
  });

  it('rejects an unknown nested key, naming its path', () => {
    const err = thrown(() => buildPolicy({ deadlines: { routineReviewDays: 3 } }));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toMatch(/deadlines: .*"routineReviewDays"/);
  });

  it('rejects negative days, naming the path', () => {
    const err = thrown(() => buildPolicy({ deadlines: { routineReviewWorkingDays: -1 } }));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain('deadlines.routineReviewWorkingDays');
    expect(() => buildPolicy({ deadlines: { urgentConfirmHours: 0 } })).toThrow(/deadlines\.urgentConfirmHours/);
    expect(() => buildPolicy({ deadlines: { routineReviewWorkingDays: 1.5 } })).toThrow(/deadlines\.routineReviewWorkingDays/);
  });

  it('rejects a bad time, naming the path', () => {
    const err = thrown(() => buildPolicy({ workingHours: { start: '9:00', end: '18:00' } }));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toMatch(/workingHours\.start: expected HH:mm/);
    expect(() => buildPolicy({ workingHours: { start: '09:00', end: '24:00' } })).toThrow(/workingHours\.end/);
  });

  it('reports every problem at once', () => {
    const err = thrown(() =>
      buildPolicy({
        deadlines: { complexReviewWorkingDays: -2 },
        orderNumber: { pattern: 'SO-{yyyy}', sequenceDigits: 1 },
      }),
    );
    expect(err.message).toContain('deadlines.complexReviewWorkingDays');
    expect(err.message).toContain('orderNumber.pattern');
    expect(err.message).toContain('orderNumber.sequenceDigits');
  });

  it('rejects a bad calendar date format', () => {
    expect(() => buildPolicy({ calendar: { holidays: ['2025/10/01'], makeupWorkdays: [] } })).toThrow(
      /calendar\.holidays\.0: expected YYYY-MM-DD/,
    );
  });
});

describe('loadPolicy', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'order-bpm-policy-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the defaults without a file', () => {
    expect(loadPolicy()).toEqual(buildPolicy());
    expect(loadPolicy('')).toEqual(buildPolicy());
  });

  it('reads a JSON file', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ name: 'plant-2', deadlines: { routineReviewWorkingDays: 3 } }));
    const snapshot = loadPolicy(file);
    expect(snapshot.policy.name).toBe('plant-2');
    expect(snapshot.policy.deadlines.routineReviewWorkingDays).toBe(3);
    expect(snapshot.policy.deadlines.complexReviewWorkingDays).toBe(5);
    expect(snapshot).toEqual(buildPolicy({ name: 'plant-2', deadlines: { routineReviewWorkingDays: 3 } }));
  });

  it('reads a YAML file (.yaml and .yml)', () => {
    const yaml = [
      'name: plant-3',
      'workingHours:',
      '  start: "08:30"',
      '  end: "17:30"',
      'urgent:',
      '  keyCustomerTiers: [key, strategic]',
      '',
    ].join('\n');
    for (const name of ['policy.yaml', 'policy.YML']) {
      const file = join(dir, name);
      writeFileSync(file, yaml);
      const { policy, version } = loadPolicy(file);
      expect(policy.name).toBe('plant-3');
      expect(policy.workingHours).toEqual({ start: '08:30', end: '17:30' });
      expect(policy.urgent).toMatchObject({
        leadTimeWorkingDays: 7,
        keyCustomerTiers: ['key', 'strategic'],
        escalateStraightToManagement: true,
      });
      expect(policy.calendar.holidays).toContain('2025-10-01');
      expect(version).toBe(
        buildPolicy({
          name: 'plant-3',
          workingHours: { start: '08:30', end: '17:30' },
          urgent: { keyCustomerTiers: ['key', 'strategic'] },
        }).version,
      );
    }
  });

  it('reports a missing file', () => {
    const file = join(dir, 'does-not-exist.json');
    const err = thrown(() => loadPolicy(file));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain('POLICY_FILE');
    expect(err.message).toContain('cannot read');
    expect(err.message).toContain(file);
  });

  it('reports malformed JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "name": "x", ');
    const err = thrown(() => loadPolicy(file));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('reports malformed YAML', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: [unclosed\ndeadlines:\n  routineReviewWorkingDays: 3\n');
    const err = thrown(() => loadPolicy(file));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not valid YAML/);
  });

  it('reports an invalid policy with the file and the path', () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(file, 'deadlines:\n  routineReviewWorkingDays: -3\n');
    const err = thrown(() => loadPolicy(file));
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain(file);
    expect(err.message).toContain('deadlines.routineReviewWorkingDays');
  });
});

describe('policy values a running order could not live with are refused at load', () => {
  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, /timeZone/],
    ['a working day that ends before it starts', { workingHours: { start: '18:00', end: '09:00' } }, /workingHours/],
    ['an impossible holiday date', { calendar: { holidays: ['2025-02-30'], makeupWorkdays: [] } }, /calendar\.holidays/],
    ['a reviewer that is not a department', { review: { routineDepartments: ['nobody'] } }, /review\.routineDepartments/],
    [
      'copies to a department that does not exist',
      { contract: { distributeTo: ['finance', 'accounts'] } },
      /contract\.distributeTo: 'accounts' is not one of the departments/,
    ],
    ['a plan shared with an unknown department', { execution: { planSharedWith: ['qa'] } }, /execution\.planSharedWith: 'qa'/],
    [
      'design reviewers that do not exist',
      { execution: { designReviewDepartments: ['design'] } },
      /execution\.designReviewDepartments: 'design'/,
    ],
    [
      'an unknown department answering for overdue delivery',
      { delivery: { overdueResponsibleDepartment: 'ops' } },
      /delivery\.overdueResponsibleDepartment: 'ops'/,
    ],
    ['an urgent sheet to an unknown department', { urgent: { processingSheetTo: ['dispatch'] } }, /urgent\.processingSheetTo: 'dispatch'/],
    ['a risk owner that is not a department', { risk: { owners: { credit: 'treasury' } } }, /risk\.owners\.credit: 'treasury'/],
    [
      'a change re-reviewed by an unknown department',
      { changes: { fieldDepartments: { quantity: ['ops'] } } },
      /changes\.fieldDepartments\.quantity: 'ops'/,
    ],
    [
      'departments without one the process gives tasks to',
      { departments: ['sales', 'production'] },
      /departments: 'management' is missing: the process gives it tasks/,
    ],
    [
      'reports less often than weekly (000 §4.4)',
      { progressReport: { intervalDays: 8 } },
      /progressReport\.intervalDays: reports go out at least weekly/,
    ],
    ['a policy that is not an object', 5, /expected an object/],
    ['a policy that is a list', ['a'], /expected an object/],
  ])('%s', (_what, override, message) => {
    expect(() => buildPolicy(override)).toThrow(PolicyError);
    expect(() => buildPolicy(override)).toThrow(message);
  });
});

describe('KPI alert thresholds (003 §6.3)', () => {
  it('default to on-time delivery under 90 %, complaints over 2 %, first-pass inspection under 95 %', () => {
    expect(buildPolicy().policy.kpis.alerts).toEqual([
      { kpi: 'on_time_delivery', below: 90 },
      { kpi: 'complaint_rate', above: 2 },
      { kpi: 'first_pass_inspection', below: 95 },
    ]);
    expect(buildPolicy().policy.delivery.satisfactionCheckWorkingDays).toBe(3);
  });

  it('refuse an unknown KPI, and a threshold with both or neither bound', () => {
    expect(() => buildPolicy({ kpis: { alerts: [{ kpi: 'happiness', below: 3 }] } })).toThrow(
      /kpis\.alerts\.0\.kpi: 'happiness' is not a KPI/,
    );
    expect(() => buildPolicy({ kpis: { alerts: [{ kpi: 'complaint_rate', below: 1, above: 2 }] } })).toThrow(
      /exactly one of below and above/,
    );
    expect(() => buildPolicy({ kpis: { alerts: [{ kpi: 'complaint_rate' }] } })).toThrow(/exactly one of below and above/);
  });
});
