import { z } from 'zod';

// Receivables (002 §2.4, §3.3.1; 001 §4.6): the payment terms a contract takes when it names
// none, and how long finance has for a collection and for the settlement after delivery.

const workingDays = z.number().int().min(0).max(60);

export const instalmentTerm = z.strictObject({
  percent: z.number().positive().max(100),
  /** What starts the clock: the signature, the delivery, the acceptance, or a fixed date. */
  due: z.enum(['signature', 'delivery', 'acceptance', 'date']),
  /** Days after that event. */
  afterDays: z.number().int().min(0).max(365).default(0),
  /** The due date, for `due: 'date'`. */
  date: z.iso.date().optional(),
});

export const financePolicy = z
  .strictObject({
    department: z.string().default('finance'),
    /** 30 % within 7 days of the signature, 70 % within 30 days of the acceptance. */
    defaultInstalments: z.array(instalmentTerm).default([
      { percent: 30, due: 'signature', afterDays: 7 },
      { percent: 70, due: 'acceptance', afterDays: 30 },
    ]),
    collectionWorkingDays: workingDays.default(3),
    settlementWorkingDays: workingDays.default(5),
  })
  .prefault({});

export function financeDepartments(p: z.output<typeof financePolicy>): [PropertyKey[], string[]][] {
  return [[['finance', 'department'], [p.department]]];
}
