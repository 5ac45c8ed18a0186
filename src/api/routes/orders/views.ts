import { z } from 'zod';
import type { signOffs, tasks } from '../../../db/schema';
import type { OrderRow } from '../../../orders/intake';
import { orderStatuses } from '../../../../workflows/order/types';
import type { Actor } from '../../../../workflows/order/types';
import { orderDataFor } from '../../http/redact';
import { isoInstant, personRef } from '../../http/schemas';
import { taskSummary, taskSummarySchema } from '../tasks/views';

export const orderSummarySchema = z.object({
  orderNo: z.string(),
  status: z.enum(orderStatuses),
  kind: z.enum(['routine', 'complex']),
  urgent: z.boolean(),
  urgentRules: z.array(z.string()),
  customer: z.object({ id: z.string(), name: z.string() }),
  version: z.number().int(),
  reviewRound: z.number().int(),
  policyVersion: z.string(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});

export const orderDetailSchema = orderSummarySchema.extend({
  /** The current version of the order as entered; contact details only for those who may see them. */
  order: z.record(z.string(), z.unknown()),
  openTasks: z.array(taskSummarySchema),
  signOffs: z.array(z.object({ round: z.number().int(), department: z.string(), outcome: z.string(), by: personRef, at: isoInstant })),
  cancelled: z.object({ reason: z.string().nullable(), at: isoInstant }).nullable(),
});

export function orderSummary(row: OrderRow): z.infer<typeof orderSummarySchema> {
  return {
    orderNo: row.orderNo,
    status: row.status as z.infer<typeof orderSummarySchema>['status'],
    kind: row.kind as z.infer<typeof orderSummarySchema>['kind'],
    urgent: row.urgent,
    urgentRules: row.urgentRules,
    customer: { id: row.customerId, name: row.customerName },
    version: row.version,
    reviewRound: row.reviewRound,
    policyVersion: row.policyVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One order as its rows show it: the workflow keeps them current. */
export function orderDetail(
  actor: Actor,
  row: OrderRow,
  open: (typeof tasks.$inferSelect)[],
  signed: (typeof signOffs.$inferSelect)[],
): z.infer<typeof orderDetailSchema> {
  return {
    ...orderSummary(row),
    order: orderDataFor(actor, row.data),
    openTasks: open.map(taskSummary),
    signOffs: signed.map((s) => ({
      round: s.round,
      department: s.department,
      outcome: s.outcome,
      by: { sub: s.signedBy, name: s.signedByName },
      at: s.signedAt.toISOString(),
    })),
    cancelled: row.status === 'CANCELLED' ? { reason: row.statusReason, at: row.updatedAt.toISOString() } : null,
  };
}
