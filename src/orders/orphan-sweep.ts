import { and, asc, eq, lt } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { startPeriodic, type Periodic } from '../lib/periodic';
import { orders } from '../db/schema';
import { startOrderWorkflow } from './intake';

// Orders stored while the engine was away (or by an API that died before starting their
// workflow) keep `workflowStarted=false`. A timer in every API process starts them. Several
// replicas may sweep at once: the start is keyed by the order's workflow ID and rejects a
// duplicate, so two sweeps starting one order leave one workflow. A timer rather than a
// Temporal Schedule, because the sweep's work is talking to Temporal: when Temporal is down a
// Schedule cannot run either, and the rows live in the API's database.

export interface OrphanSweepDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Orders younger than this are left to the request that is storing them. */
  graceMs: number;
  /** How long one start may take; an engine that does not answer ends the sweep until the next. */
  timeoutMs?: number;
  /** At most this many orders per sweep; the next sweep takes the rest. */
  batch?: number;
  now?: () => Date;
}

export interface SweepLog {
  warn(obj: object, msg: string): void;
}

/** Starts the workflows of orders stored without one; answers the order numbers started. */
export async function sweepOrphans(deps: OrphanSweepDeps): Promise<string[]> {
  const before = new Date((deps.now?.() ?? new Date()).getTime() - deps.graceMs);
  const orphans = await deps.db
    .select()
    .from(orders)
    .where(and(eq(orders.workflowStarted, false), lt(orders.createdAt, before)))
    .orderBy(asc(orders.createdAt))
    .limit(deps.batch ?? 100);
  const started: string[] = [];
  for (const row of orphans) {
    await deps.temporal.withDeadline(Date.now() + (deps.timeoutMs ?? 5_000), () => startOrderWorkflow(deps, row));
    started.push(row.orderNo);
  }
  return started;
}

/** The innermost cause's first line: a wrapped query error holds the query, never needed here. */
function innermost(err: unknown): string {
  let e = err as { cause?: unknown; message?: unknown } | undefined;
  for (let depth = 0; e?.cause && depth < 6; depth++) e = e.cause;
  const message = typeof e?.message === 'string' ? e.message : (JSON.stringify(e) ?? 'unknown');
  return message.split('\n')[0];
}

/** Sweeps every `intervalMs` until stopped; a failed sweep (engine or database away) is logged and tried again next time. */
export function startOrphanSweep(deps: OrphanSweepDeps & { intervalMs: number; log: SweepLog }): Periodic {
  return startPeriodic(async () => {
    try {
      const started = await sweepOrphans(deps);
      if (started.length) deps.log.warn({ orders: started }, 'started the workflows of orders stored without one');
    } catch (err) {
      deps.log.warn({ cause: innermost(err) }, 'orphan sweep failed; the next one tries again');
    }
  }, deps.intervalMs);
}
