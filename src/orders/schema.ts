import { z } from 'zod';
import { text } from '../lib/text';

// The customer order as sales enters it (DESIGN §8, POST /orders). The same rules apply to
// a revision in renegotiation and to a change request; the workflows read the types only.

/** A calendar date as YYYY-MM-DD; the JSON Schema carries the same check as a pattern. */
export const isoDateString = z.iso
  .date({ error: 'expected a real calendar date as YYYY-MM-DD' })
  // Beyond these years a date is a typo, and counting working days up to it would cost a walk through centuries.
  .refine((d) => d >= '1970-01-01' && d <= '2999-12-31', 'expected a date between 1970-01-01 and 2999-12-31');

export const orderItemSchema = z.strictObject({
  sku: text(64),
  description: text(500),
  spec: text(2000),
  quantity: z.number().positive().max(1e9),
  unit: text(32),
  unitPrice: z.number().nonnegative().max(1e12),
});

export const orderFields = {
  customer: z.strictObject({
    id: text(64),
    name: text(200),
    tier: text(32).optional(),
    /** Where progress reports and delivery notices go by e-mail. */
    email: z.email().max(320).optional(),
    /** Known overdue payments (credit risk, 000 §7.1). */
    overduePayments: z.boolean().optional(),
  }),
  items: z.array(orderItemSchema).min(1).max(500),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY'),
  requestedDeliveryDate: isoDateString,
  deliveryAddress: text(500),
  paymentTerms: text(500),
  qualityRequirements: text(4000).optional(),
  packagingRequirements: text(4000).optional(),
  kind: z.enum(['routine', 'complex']),
  urgent: z.strictObject({ reason: text(1000) }).optional(),
  /** The customer's webhook for progress reports and delivery notices. */
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
};

export const orderInputSchema = z.strictObject(orderFields);
export type OrderInput = z.infer<typeof orderInputSchema>;

/** A revision replaces whole top-level fields; the kind of order cannot change. */
export const orderRevisionSchema = z.strictObject({
  customer: orderFields.customer.optional(),
  items: orderFields.items.optional(),
  currency: orderFields.currency.optional(),
  requestedDeliveryDate: orderFields.requestedDeliveryDate.optional(),
  deliveryAddress: orderFields.deliveryAddress.optional(),
  paymentTerms: orderFields.paymentTerms.optional(),
  qualityRequirements: orderFields.qualityRequirements,
  packagingRequirements: orderFields.packagingRequirements,
  /** null takes the order's urgent flag away. */
  urgent: orderFields.urgent.unwrap().nullable().optional(),
  callbackUrl: orderFields.callbackUrl,
});
export type OrderRevision = z.infer<typeof orderRevisionSchema>;
