import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { orders, riskAssessments, riskEvents } from '../../../db/schema';
import { defaultRiskOwner, riskDimensions } from '../../../../workflows/order/risk-rules';
import type { RiskAssessment } from '../../../../workflows/order/types';

type AssessmentRow = typeof riskAssessments.$inferSelect;
type EventRow = typeof riskEvents.$inferSelect;

function assessmentView(row: AssessmentRow): RiskAssessment {
  // The owner is stored beside the dimensions (see activities/risk.ts).
  const doc = row.dimensions;
  const dimensions = Object.fromEntries(riskDimensions.map((d) => [d, doc[d]])) as RiskAssessment['dimensions'];
  return {
    id: row.id,
    orderNo: row.orderNo,
    trigger: row.trigger as RiskAssessment['trigger'],
    level: row.level as RiskAssessment['level'],
    dimensions,
    ownerDepartment: typeof doc.ownerDepartment === 'string' ? doc.ownerDepartment : defaultRiskOwner,
    assessedAt: row.assessedAt.toISOString(),
  };
}

function eventView(row: EventRow) {
  return { id: row.id, type: row.type, description: row.description, occurredAt: row.occurredAt.toISOString() };
}

export interface OrderRisks {
  orderNo: string;
  current: RiskAssessment | null;
  assessments: RiskAssessment[];
  events: ReturnType<typeof eventView>[];
}

/** An order's assessments and risk events, newest first; undefined when there is no such order. */
export async function readOrderRisks(db: Db, orderNo: string): Promise<OrderRisks | undefined> {
  const [order] = await db.select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.orderNo, orderNo));
  if (!order) return undefined;
  const [assessed, events] = await Promise.all([
    db
      .select()
      .from(riskAssessments)
      .where(eq(riskAssessments.orderNo, orderNo))
      .orderBy(desc(riskAssessments.assessedAt), desc(riskAssessments.id)),
    db.select().from(riskEvents).where(eq(riskEvents.orderNo, orderNo)).orderBy(desc(riskEvents.occurredAt), desc(riskEvents.id)),
  ]);
  const assessments = assessed.map(assessmentView);
  return { orderNo, current: assessments[0] ?? null, assessments, events: events.map(eventView) };
}
