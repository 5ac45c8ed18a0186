import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { changeRequests, orderVersions } from '../../../db/schema';

export type ChangeRow = typeof changeRequests.$inferSelect;
export type VersionRow = typeof orderVersions.$inferSelect;

export async function changesOf(db: Db, orderNo: string): Promise<ChangeRow[]> {
  return db
    .select()
    .from(changeRequests)
    .where(eq(changeRequests.orderNo, orderNo))
    .orderBy(asc(changeRequests.seq), asc(changeRequests.id));
}

export async function versionsOf(db: Db, orderNo: string): Promise<VersionRow[]> {
  return db.select().from(orderVersions).where(eq(orderVersions.orderNo, orderNo)).orderBy(asc(orderVersions.version));
}
