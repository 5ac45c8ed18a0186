import type { Db } from '../src/db/client';
import { changeRequests } from '../src/db/schema';
import type { ChangeRequest } from '../workflows/order/types';

export const createChangeActivities = (db: Db) => ({
  /**
   * Projects a change request. Upserts by id so a retry writes the same row and each later
   * state of the request (opinions, agreement, decision) replaces the earlier one.
   */
  async recordChange(c: ChangeRequest): Promise<void> {
    const state = {
      status: c.status,
      changes: c.changes,
      departments: c.departments,
      opinions: c.opinions as unknown as Record<string, unknown>[],
      agreement: (c.agreement ?? null) as Record<string, unknown> | null,
      decidedAt: c.decidedAt ? new Date(c.decidedAt) : null,
    };
    await db
      .insert(changeRequests)
      .values({
        id: c.id,
        orderNo: c.orderNo,
        seq: c.seq,
        reason: c.reason,
        impact: c.impact as Record<string, unknown>,
        requestedBy: c.requestedBy.sub,
        requestedAt: new Date(c.requestedAt),
        ...state,
      })
      .onConflictDoUpdate({ target: changeRequests.id, set: state });
  },
});
