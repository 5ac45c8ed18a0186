import type { Db } from '../src/db/client';
import { riskAssessments, riskEvents } from '../src/db/schema';
import type { RiskAssessment } from '../workflows/order/types';

// Risk projections for the order's risk view and the risk-event KPI. Rows are keyed by the
// ids the workflow chose, so a retried activity never writes a second row.

export type RiskEventType = 'claim' | 'delay' | 'supply_failure' | 'quality' | 'credit';

export interface RiskEvent {
  id: string;
  orderNo: string;
  type: RiskEventType;
  description: string;
  occurredAt: string;
}

/**
 * The stored document of an assessment. The table has no owner column, so the owner of the
 * risk plan is kept beside the five dimensions.
 */
export function assessmentDocument(a: RiskAssessment): Record<string, unknown> {
  return { ...a.dimensions, ownerDepartment: a.ownerDepartment };
}

export const createRiskActivities = (db: Db) => ({
  async recordRiskAssessment(a: RiskAssessment): Promise<void> {
    await db
      .insert(riskAssessments)
      .values({
        id: a.id,
        orderNo: a.orderNo,
        trigger: a.trigger,
        level: a.level,
        dimensions: assessmentDocument(a),
        assessedAt: new Date(a.assessedAt),
      })
      .onConflictDoNothing({ target: riskAssessments.id });
  },

  async recordRiskEvent(e: RiskEvent): Promise<void> {
    await db
      .insert(riskEvents)
      .values({
        id: e.id,
        orderNo: e.orderNo,
        type: e.type,
        description: e.description,
        occurredAt: new Date(e.occurredAt),
      })
      .onConflictDoNothing({ target: riskEvents.id });
  },
});
