import { z } from 'zod';

// 002 §3.3, §5.3, §6.1: when the recurring inspections run, who inspects, and the deadlines
// of complaints, inspector reviews, the issue loop and audit notices.

const workingDays = z.number().int().min(0).max(60);
const hours = z
  .number()
  .positive()
  .max(24 * 30);
/** Five-field cron (minute hour day-of-month month day-of-week), read in the policy time zone. */
const cron = z.string().regex(/^\S+ \S+ \S+ \S+ \S+$/, 'expected a five-field cron expression');

const recurring = (cronDefault: string, department: string) =>
  z
    .strictObject({
      cron: z.string().pipe(cron).default(cronDefault),
      department: z.string().default(department),
      enabled: z.boolean().default(true),
    })
    .prefault({});

export const inspectionPolicy = z
  .strictObject({
    /** 002 §3.3.1: the operations department's weekly progress inspection, Monday 09:00. */
    operations: recurring('0 9 * * 1', 'planning'),
    /** 002 §3.3.1: the logistics department's weekly reconciliation, Friday 14:00. */
    logistics: recurring('0 14 * * 5', 'logistics'),
    /**
     * 002 §3.3.1: the finance department's monthly inspection on the first working day, 10:00.
     * The schedule fires on days 1–7 and the run goes ahead only on the month's first working day.
     */
    finance: recurring('0 10 1-7 * *', 'finance'),
    /** 002 §3.3.2: who inspects an order after a complaint, and who replies to the customer. */
    complaintDepartment: z.string().default('customer_service'),
    complaintReplyHours: hours.default(24),
    /** 002 §3.3.2: who draws random audit samples. */
    auditDepartment: z.string().default('audit'),
    /** The inspector's review of a run's findings. */
    reviewWorkingDays: workingDays.default(2),
    /** 002 §5.2: root cause and impact analysis. */
    rootCauseWorkingDays: workingDays.default(2),
    /** 002 §5.4.2: verification of a rectification. */
    verificationWorkingDays: workingDays.default(2),
    /** 002 §6.1.2: an audit notice's deadline when audit names none. */
    noticeWorkingDays: workingDays.default(5),
    /** Milestones this many days past their planned date without being done are behind plan. */
    milestoneGraceDays: z.number().int().min(0).max(60).default(0),
    /** Acceptance scores (1–5) below this are a satisfaction finding. */
    minSatisfaction: z.number().int().min(1).max(5).default(3),
    /** At most this many orders in one audit sample. */
    maxAuditSample: z.number().int().min(1).max(500).default(50),
  })
  .prefault({});

export type InspectionPolicy = z.output<typeof inspectionPolicy>;

/** Every department the inspection policy names, with where it names it. */
export function inspectionDepartments(p: InspectionPolicy): [PropertyKey[], string[]][] {
  return [
    [['inspection', 'operations', 'department'], [p.operations.department]],
    [['inspection', 'logistics', 'department'], [p.logistics.department]],
    [['inspection', 'finance', 'department'], [p.finance.department]],
    [['inspection', 'complaintDepartment'], [p.complaintDepartment]],
    [['inspection', 'auditDepartment'], [p.auditDepartment]],
  ];
}
