import { z } from 'zod';
import { afterSalesDepartments, afterSalesPolicy } from './after-sales';
import { financeDepartments, financePolicy } from './finance';
import { inspectionDepartments, inspectionPolicy } from './inspection';
import { kpiPolicy } from './kpis';

// Every "[X]" of the policies, with the defaults of DESIGN §6. Pure: shared by the
// workflow sandbox (as data in its input) and by the API.

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a real calendar date');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
const workingDays = z.number().int().min(0).max(60);
const hours = z
  .number()
  .positive()
  .max(24 * 30);

export const departmentIds = [
  'sales',
  'sales_admin',
  'production',
  'planning',
  'procurement',
  'quality',
  'engineering',
  'rnd',
  'equipment',
  'finance',
  'legal',
  'warehouse',
  'logistics',
  'customer_service',
  'after_sales',
  'audit',
  'management',
] as const;

const policyFields = z.strictObject({
  name: z.string().min(1).default('default'),
  timeZone: z
    .string()
    .min(1)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not a known IANA time zone')
    .default('Asia/Shanghai'),
  workingHours: z
    .strictObject({ start: hhmm, end: hhmm })
    .refine((h) => h.start < h.end, 'the working day must start before it ends')
    .default({ start: '09:00', end: '18:00' }),
  /** PRC holidays and make-up working days (调休); filled from the shipped calendar data unless overridden. */
  calendar: z.strictObject({ holidays: z.array(isoDate), makeupWorkdays: z.array(isoDate) }).default({ holidays: [], makeupWorkdays: [] }),
  departments: z
    .array(z.string().regex(/^[a-z_]+$/))
    .min(1)
    .default([...departmentIds]),
  orderNumber: z
    .strictObject({
      /** Tokens: {prefix} {yyyy} {mm} {dd} {seq}; the date is the receipt date in the policy time zone. */
      pattern: z.string().includes('{seq}').default('{prefix}-{yyyy}{mm}{dd}-{seq}'),
      prefix: z
        .string()
        .regex(/^[A-Z0-9]{1,8}$/)
        .default('SO'),
      sequenceDigits: z.number().int().min(2).max(9).default(4),
    })
    .prefault({}),
  deadlines: z
    .strictObject({
      /** 000 §2.1: order handed to the departments after intake. */
      handoverWorkingDays: workingDays.default(1),
      /** 000 §3.1: routine review. */
      routineReviewWorkingDays: workingDays.default(2),
      /** 000 §3.1: notice before a complex-order review meeting. */
      complexMeetingNoticeWorkingDays: workingDays.default(2),
      /** 000 §3.1: complex review decision. */
      complexReviewWorkingDays: workingDays.default(5),
      /** 000 §6.2: change re-review. */
      changeReReviewWorkingDays: workingDays.default(2),
      /** Sales' answer to a rejected review (renegotiation task). */
      renegotiationWorkingDays: workingDays.default(2),
      /** 001 §3, 003 §6.3: a missed deadline goes to the head at once, to management this much later. */
      escalateToManagementAfterWorkingDays: workingDays.default(1),
      /** 001 §3.1 */
      urgentConfirmHours: hours.default(2),
      /** 001 §3.2 */
      urgentReviewHours: hours.default(4),
      /** 003 §5.1 */
      afterSalesFirstResponseHours: hours.default(24),
      /** 002 §5.3 */
      inspectionRectificationWorkingDays: workingDays.default(5),
      /** Hour deadlines count clock hours unless switched to working hours. */
      hourDeadlines: z.enum(['clock', 'working']).default('clock'),
    })
    .prefault({}),
  review: z
    .strictObject({
      /** 000 §3.1: capacity, material supply, technical capability, quality plan, cost and margin. */
      routineDepartments: z.array(z.string()).min(1).default(['production', 'procurement', 'engineering', 'quality', 'finance']),
      /** Complex orders (new product or technology) add these reviewers. */
      complexExtraDepartments: z.array(z.string()).default(['rnd', 'equipment']),
    })
    .prefault({}),
  // Fractions of a day are allowed so that drills and tests can run the cadence quickly.
  // 000 §4.4: at least weekly.
  progressReport: z
    .strictObject({ intervalDays: z.number().positive().max(7, 'reports go out at least weekly (000 §4.4)').default(7) })
    .prefault({}),
  contract: z
    .strictObject({
      /** 002 §3.2: contract drafting and legal review; off for customers on framework agreements. */
      enabled: z.boolean().default(true),
      draftWorkingDays: workingDays.default(2),
      legalReviewWorkingDays: workingDays.default(2),
      signatureWorkingDays: workingDays.default(5),
      /** Who receives the signed copies. */
      distributeTo: z.array(z.string()).default(['production', 'planning', 'finance', 'logistics']),
    })
    .prefault({}),
  execution: z
    .strictObject({
      /** Working days each execution step may take before it escalates like a review. */
      stepWorkingDays: workingDays.default(3),
      /** Departments that receive the production plan (000 §4.1.2). */
      planSharedWith: z.array(z.string()).default(['procurement', 'quality', 'equipment', 'warehouse']),
      /** Complex orders: cross-department design review (003 §3.2). */
      designReviewDepartments: z.array(z.string()).default(['engineering', 'quality', 'production']),
      designWorkingDays: workingDays.default(5),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** Customer acceptance and post-order steps. */
      stepWorkingDays: workingDays.default(3),
      /** 003 §4.1: who explains an overdue delivery and proposes compensation. */
      overdueResponsibleDepartment: z.string().default('production'),
      /** 002 §2.2.3: customer service checks the customer's satisfaction within this many working days of acceptance. */
      satisfactionCheckWorkingDays: workingDays.default(3),
    })
    .prefault({}),
  notifications: z
    .strictObject({
      /** Delivery attempts per customer message before it is marked failed. */
      maxAttempts: z.number().int().min(1).max(100).default(8),
      firstRetrySeconds: z.number().int().min(1).max(3600).default(30),
      /** Hosts that receive webhooks although they are not public (an on-premises customer system). */
      allowedWebhookHosts: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(100).default([]),
    })
    .prefault({}),
  risk: z
    .strictObject({
      /** Lead time (working days) a normal order needs; shorter is a delivery risk. */
      normalLeadTimeWorkingDays: workingDays.default(20),
      changesMedium: z.number().int().min(1).default(1),
      changesHigh: z.number().int().min(1).default(3),
      /** Margin (percent) below which cost is a risk, and below which it is high. */
      marginMediumPct: z.number().default(15),
      marginHighPct: z.number().default(5),
      /** Open exceptions at which quality/delivery risk is high. */
      exceptionsHigh: z.number().int().min(1).default(2),
      /** Words in the quality requirements that mark them as strict. */
      strictQualityKeywords: z.array(z.string()).default(['GB/T', 'ISO', 'IATF', '100%', 'zero defect', '全检', '零缺陷']),
      /** Owner of the risk plan, per dimension. */
      owners: z.record(z.string(), z.string()).default({
        credit: 'finance',
        change: 'sales',
        delivery: 'production',
        quality: 'quality',
        cost: 'finance',
      }),
      riskPlanWorkingDays: workingDays.default(2),
    })
    .prefault({}),
  changes: z
    .strictObject({
      /** 000 §6.2: which departments re-review a change of each field (item fields by name). */
      fieldDepartments: z.record(z.string(), z.array(z.string())).default({
        quantity: ['production', 'procurement', 'finance'],
        requestedDeliveryDate: ['production', 'logistics'],
        spec: ['engineering', 'quality', 'production', 'procurement'],
        description: ['engineering', 'production'],
        unitPrice: ['finance'],
        unit: ['production', 'procurement'],
        items: ['production', 'procurement', 'engineering', 'finance'],
        packagingRequirements: ['warehouse', 'quality'],
        qualityRequirements: ['quality', 'production'],
        deliveryAddress: ['logistics'],
        paymentTerms: ['finance'],
        currency: ['finance'],
        customer: ['finance'],
        callbackUrl: [],
        urgent: ['production', 'procurement', 'logistics'],
      }),
      /** Departments already past the changed step re-plan within this many working days. */
      replanWorkingDays: workingDays.default(2),
    })
    .prefault({}),
  inspection: inspectionPolicy,
  afterSales: afterSalesPolicy,
  finance: financePolicy,
  kpis: kpiPolicy,
  workflow: z
    .strictObject({
      /** Continue as new past this many history events, far below Temporal's 10,240 warning. */
      continueAsNewAfterEvents: z.number().int().min(100).max(10_000).default(2_000),
    })
    .prefault({}),
  urgent: z
    .strictObject({
      /** 001 §2: a requested lead time of at most this many working days makes an order urgent. */
      leadTimeWorkingDays: workingDays.default(7),
      keyCustomerTiers: z.array(z.string()).default(['key']),
      /** 001 §3: a missed urgent deadline goes straight to management. */
      escalateStraightToManagement: z.boolean().default(true),
      /** 001 §3.1: departments that get the urgent processing sheet. */
      processingSheetTo: z.array(z.string()).default(['production', 'procurement', 'logistics']),
    })
    .prefault({}),
});

export const policySchema = policyFields.superRefine((p, ctx) => {
  const known = new Set(p.departments);
  for (const d of processDepartments) {
    if (!known.has(d)) ctx.addIssue({ code: 'custom', path: ['departments'], message: `'${d}' is missing: the process gives it tasks` });
  }
  for (const [path, name] of departmentsNamed(p)) {
    if (!known.has(name)) ctx.addIssue({ code: 'custom', path, message: `'${name}' is not one of the departments` });
  }
});

/** Departments the process itself gives tasks to, whatever the policy's lists say. */
export const processDepartments = [
  'sales',
  'management',
  'production',
  'procurement',
  'quality',
  'finance',
  'legal',
  'rnd',
  'warehouse',
  'logistics',
] as const;

type PolicyShape = z.output<typeof policyFields>;

/** Every department the policy names outside its list of departments, with where it names it. */
function departmentsNamed(p: PolicyShape): [PropertyKey[], string][] {
  const lists: [PropertyKey[], readonly string[]][] = [
    [['review', 'routineDepartments'], p.review.routineDepartments],
    [['review', 'complexExtraDepartments'], p.review.complexExtraDepartments],
    [['contract', 'distributeTo'], p.contract.distributeTo],
    [['execution', 'planSharedWith'], p.execution.planSharedWith],
    [['execution', 'designReviewDepartments'], p.execution.designReviewDepartments],
    [['delivery', 'overdueResponsibleDepartment'], [p.delivery.overdueResponsibleDepartment]],
    [['urgent', 'processingSheetTo'], p.urgent.processingSheetTo],
    ...inspectionDepartments(p.inspection),
    ...afterSalesDepartments(p.afterSales),
    ...financeDepartments(p.finance),
    ...Object.entries(p.risk.owners).map(([dimension, d]): [PropertyKey[], string[]] => [['risk', 'owners', dimension], [d]]),
    ...Object.entries(p.changes.fieldDepartments).map(([field, ds]): [PropertyKey[], string[]] => [
      ['changes', 'fieldDepartments', field],
      ds,
    ]),
  ];
  return lists.flatMap(([path, names]) => names.map((name): [PropertyKey[], string] => [path, name]));
}

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
