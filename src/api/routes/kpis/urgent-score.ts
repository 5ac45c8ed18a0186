import type { orders, tasks } from '../../../db/schema';
import { firstInspectionId } from './queries';

// 001 §6: each urgent order scored on processing time, first-pass quality, extra cost and
// customer satisfaction, and the month's summary.

type OrderRow = typeof orders.$inferSelect;
type TaskRow = typeof tasks.$inferSelect;

const MS_PER_HOUR = 3_600_000;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const average = (xs: number[]): number | null => (xs.length === 0 ? null : round2(xs.reduce((s, x) => s + x, 0) / xs.length));
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function scoreOrder(o: OrderRow, taskRows: TaskRow[], inspections: Map<string, { outcome: string | null }>) {
  const own = taskRows.filter((t) => t.orderNo === o.orderNo && t.status === 'COMPLETED');
  const inspection = inspections.get(firstInspectionId(o.orderNo));
  const firstPassQuality = inspection?.outcome === 'pass' ? true : inspection?.outcome === 'fail' ? false : null;
  const extraCost = own
    .filter((t) => t.kind === 'urgent_negotiation' && t.outcome === 'add_resources')
    .reduce((sum, t) => (finite(t.data?.extraCost) ? sum + t.data.extraCost : sum), 0);
  const acceptance = own
    .filter((t) => t.kind === 'customer_acceptance' && t.outcome === 'accepted')
    .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1))
    .at(-1);
  const rated = acceptance?.data?.satisfaction;
  return {
    orderNo: o.orderNo,
    customer: { id: o.customerId, name: o.customerName },
    urgentRules: o.urgentRules,
    receivedAt: o.createdAt.toISOString(),
    deliveredAt: o.deliveredAt?.toISOString() ?? null,
    processingHours: o.deliveredAt ? round2((o.deliveredAt.getTime() - o.createdAt.getTime()) / MS_PER_HOUR) : null,
    firstPassQuality,
    extraCost: round2(extraCost),
    satisfaction: finite(rated) ? rated : null,
  };
}

export type UrgentScore = ReturnType<typeof scoreOrder>;

export function summarize(items: UrgentScore[]) {
  const processing = items.flatMap((i) => (i.processingHours === null ? [] : [i.processingHours]));
  const inspected = items.flatMap((i) => (i.firstPassQuality === null ? [] : [i.firstPassQuality]));
  const satisfaction = items.flatMap((i) => (i.satisfaction === null ? [] : [i.satisfaction]));
  return {
    orders: items.length,
    delivered: processing.length,
    averageProcessingHours: average(processing),
    firstPassRate: inspected.length === 0 ? null : round2(inspected.filter(Boolean).length / inspected.length),
    totalExtraCost: round2(items.reduce((s, i) => s + i.extraCost, 0)),
    averageSatisfaction: average(satisfaction),
  };
}
