import type { Db } from '../src/db/client';
import { projectionIncidents } from '../src/db/schema';

// Strips what made the original write fail, so that the record of the failure can be stored.
const clean = (text: string) =>
  text
    .replace(/\u0000/g, '')
    .replace(/[\uD800-\uDFFF]/g, '\uFFFD')
    .slice(0, 2000);

export const createIncidentActivities = (db: Db) => ({
  async recordProjectionIncident(i: { id: string; orderNo: string; activity: string; error: string; at: string }): Promise<void> {
    await db
      .insert(projectionIncidents)
      .values({ id: i.id, orderNo: clean(i.orderNo), activity: i.activity, error: clean(i.error), occurredAt: new Date(i.at) })
      .onConflictDoNothing({ target: projectionIncidents.id });
  },
});
