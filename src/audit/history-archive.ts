import { gunzipSync, gzipSync } from 'node:zlib';
import { asc, eq } from 'drizzle-orm';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Db } from '../db/client';
import { workflowHistoryArchive } from '../db/schema';

// Auditors read a closed order for years; Temporal keeps its history for the namespace
// retention only. When a workflow has closed, every run of it is copied here, compressed,
// and reading falls back to the copy once Temporal no longer has it.

const { History } = proto.temporal.api.history.v1;
type History = proto.temporal.api.history.v1.IHistory;
const { WorkflowExecutionStatus } = proto.temporal.api.enums.v1;

/** One run of a workflow and its whole history. */
export interface WorkflowRun {
  runId: string;
  history: History;
}

/** Every run of the workflow Temporal still has, oldest first: each run's start names the run it continued. */
export async function liveRuns(client: Client, workflowId: string): Promise<WorkflowRun[]> {
  const latest = await client.workflow.getHandle(workflowId).describe();
  const runs: WorkflowRun[] = [];
  let runId: string | undefined = latest.runId;
  for (let guard = 0; runId && guard < 1000; guard++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return runs;
}

/** The archived runs of the workflow, oldest first; none when it was never archived. */
export async function archivedRuns(db: Db, workflowId: string): Promise<WorkflowRun[]> {
  const rows = await db
    .select()
    .from(workflowHistoryArchive)
    .where(eq(workflowHistoryArchive.workflowId, workflowId))
    .orderBy(asc(workflowHistoryArchive.runIndex));
  return rows.map((r) => ({ runId: r.runId, history: History.decode(gunzipSync(r.history)) }));
}

/** The workflow's runs from Temporal while it has them, else from the archive. */
export async function workflowRuns(db: Db, client: Client, workflowId: string): Promise<WorkflowRun[]> {
  try {
    return await liveRuns(client, workflowId);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const archived = await archivedRuns(db, workflowId);
    if (archived.length === 0) throw err;
    return archived;
  }
}

export type ArchiveOutcome = 'archived' | 'already-archived' | 'running';

/** Copies every run of a closed workflow into the archive, in one transaction, once. */
export async function archiveClosedWorkflow(db: Db, client: Client, workflowId: string): Promise<ArchiveOutcome> {
  const description = await client.workflow.getHandle(workflowId).describe();
  if (description.status.code === WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) return 'running';
  const [known] = await db
    .select({ runId: workflowHistoryArchive.runId })
    .from(workflowHistoryArchive)
    .where(eq(workflowHistoryArchive.runId, description.runId))
    .limit(1);
  if (known) return 'already-archived';
  const runs = await liveRuns(client, workflowId);
  const archivedAt = new Date();
  await db.transaction(async (tx) => {
    for (const [i, run] of runs.entries()) {
      const last = i === runs.length - 1;
      await tx
        .insert(workflowHistoryArchive)
        .values({
          workflowId,
          runId: run.runId,
          runIndex: i + 1,
          status: last ? description.status.name : 'CONTINUED_AS_NEW',
          eventCount: run.history.events?.length ?? 0,
          closedAt: last ? (description.closeTime ?? null) : null,
          archivedAt,
          history: gzipSync(History.encode(run.history).finish()),
        })
        .onConflictDoNothing();
    }
  });
  return 'archived';
}
