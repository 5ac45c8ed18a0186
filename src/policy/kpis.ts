import { z } from 'zod';
import { kpiIds } from '../kpis/catalog';

// 003 §6.3: the indicators' warning thresholds, and when the daily check and the monthly
// publication run.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

/** An indicator's warning threshold; the alert fires when the value falls below `below` or rises above `above`. */
const alertThreshold = z
  .strictObject({
    kpi: z.string().refine((id) => (kpiIds as readonly string[]).includes(id), { error: (i) => `'${String(i.input)}' is not a KPI` }),
    /** The department's figure; the company's (or the KPI's only) figure when unset. */
    department: z
      .string()
      .regex(/^[a-z_]+$/)
      .optional(),
    below: z.number().optional(),
    above: z.number().optional(),
  })
  .refine((t) => (t.below === undefined) !== (t.above === undefined), 'give exactly one of below and above');

export const kpiPolicy = z
  .strictObject({
    /** 003 §6.3: on-time delivery under 90 %, complaint rate over 2 %, first-pass inspection under 95 %. */
    alerts: z.array(alertThreshold).default([
      { kpi: 'on_time_delivery', below: 90 },
      { kpi: 'complaint_rate', above: 2 },
      { kpi: 'first_pass_inspection', below: 95 },
    ]),
    /** The daily check looks at this many days up to the end of the day before. */
    monitorWindowDays: z.number().int().min(1).max(366).default(30),
    /** Local time of the daily check. */
    monitorAt: hhmm.default('08:00'),
    /** Local time on the 1st at which the month before is published (001 §6.1.2, 002 §6.3.1, 003 §8.2). */
    monthlyReportAt: hhmm.default('01:00'),
  })
  .prefault({});
