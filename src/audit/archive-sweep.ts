import { and, inArray, isNull, eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders, workflowHistoryArchive } from '../db/schema';
import { startPeriodic, type Periodic } from '../lib/periodic';
import { archiveClosedWorkflow } from './history-archive';

// The worker process copies the history of every order that has ended into the archive,
// a few at a time, soon after it ends and long before the namespace retention deletes it.

/** Order statuses after which the workflow ends. */
const ended = ['CLOSED', 'CANCELLED'];

export interface ArchiveSweepDeps {
  db: Db;
  temporal: Client;
  /** Orders archived per round at most. */
  batch?: number;
}

/** One round: archives the ended orders not archived yet; answers the workflow ids archived. */
export async function archiveEndedOrders(deps: ArchiveSweepDeps): Promise<string[]> {
  const due = await deps.db
    .select({ workflowId: orders.workflowId })
    .from(orders)
    .leftJoin(workflowHistoryArchive, eq(workflowHistoryArchive.workflowId, orders.workflowId))
    .where(and(inArray(orders.status, ended), eq(orders.workflowStarted, true), isNull(workflowHistoryArchive.workflowId)))
    .limit(deps.batch ?? 20);
  const archived: string[] = [];
  for (const { workflowId } of due) {
    // The last rows are written just before the workflow returns: 'running' is tried next round.
    if ((await archiveClosedWorkflow(deps.db, deps.temporal, workflowId)) === 'archived') archived.push(workflowId);
  }
  return archived;
}

export function startArchiveSweep(
  deps: ArchiveSweepDeps & { intervalMs: number; log: { info(o: object, m: string): void; warn(o: object, m: string): void } },
): Periodic {
  return startPeriodic(async () => {
    try {
      const archived = await archiveEndedOrders(deps);
      if (archived.length) deps.log.info({ workflows: archived }, 'histories archived');
    } catch (err) {
      deps.log.warn({ err }, 'history archive round failed; the next one tries again');
    }
  }, deps.intervalMs);
}
