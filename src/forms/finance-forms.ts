import { z } from 'zod';
import { text } from '../lib/text';
import { isoDateString } from '../orders/schema';

// The forms of finance's receivables tasks (002 §2.4, 001 §4.6).

const date = isoDateString.meta({ format: 'date' });

export const financeForms = {
  /** An instalment past due: finance contacts the customer. */
  collection: {
    contacted: z.strictObject({ result: text(2000), promisedOn: date.optional() }),
  },
  /** After delivery: invoices, payments and the contract reconciled. */
  settlement: {
    settled: z.strictObject({ summary: text(4000), invoicesComplete: z.boolean() }),
  },
} satisfies Record<string, Record<string, z.ZodType>>;
