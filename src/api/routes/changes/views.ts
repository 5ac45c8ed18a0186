import { z } from 'zod';
import type { Actor } from '../../../../workflows/order/types';
import { diffOrders, type FieldDiff } from '../../../orders/version-diff';
import { isContactField, orderDataFor, seesContact, seesTaskData } from '../../http/redact';
import { isoInstant } from '../../http/schemas';
import type { ChangeRow, VersionRow } from './queries';

const jsonObject = z.record(z.string(), z.unknown());

export const changeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  status: z.string(),
  changes: jsonObject,
  reason: z.string(),
  impact: jsonObject,
  departments: z.array(z.string()),
  /** Each department's opinion; its reasons only for those who may read that department's data. */
  opinions: z.array(jsonObject),
  agreement: jsonObject.nullable(),
  requestedBy: z.string(),
  requestedAt: isoInstant,
  decidedAt: isoInstant.nullable(),
});

const diffSchema = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** True when the values are contact details the caller may not see. */
  restricted: z.boolean().optional(),
});

export const versionSchema = z.object({
  version: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: isoInstant,
  data: jsonObject,
  diff: z.array(diffSchema),
});

export function changeView(actor: Actor, r: ChangeRow): z.infer<typeof changeSchema> {
  return {
    id: r.id,
    seq: r.seq,
    status: r.status,
    changes: orderDataFor(actor, r.changes),
    reason: r.reason,
    impact: r.impact,
    departments: r.departments,
    opinions: r.opinions.map((o) =>
      typeof o.department === 'string' && !seesTaskData(actor, o.department) ? { ...o, reasons: undefined } : o,
    ),
    agreement: r.agreement,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

function diffFor(actor: Actor, d: FieldDiff): z.infer<typeof diffSchema> {
  if (seesContact(actor)) return d;
  if (isContactField(d.field)) return { field: d.field, restricted: true };
  if (d.field !== 'customer') return d;
  const strip = (v: unknown) => (v && typeof v === 'object' ? orderDataFor(actor, { customer: v }).customer : v);
  return { field: d.field, before: strip(d.before), after: strip(d.after) };
}

/** Each version with what changed from the one before. */
export function versionViews(actor: Actor, rows: VersionRow[]): z.infer<typeof versionSchema>[] {
  return rows.map((r, i) => ({
    version: r.version,
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    data: orderDataFor(actor, r.data),
    diff: i === 0 ? [] : diffOrders(rows[i - 1].data, r.data).map((d) => diffFor(actor, d)),
  }));
}
