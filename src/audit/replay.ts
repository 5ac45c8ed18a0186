import { Worker, type WorkerOptions } from '@temporalio/worker';
import proto from '@temporalio/proto';
import pLimit from 'p-limit';
import { ApiError } from '../orders/errors';
import type { WorkflowRun } from './history-archive';

// Auditors replay an order's history against the code the worker runs now. A clean replay
// proves the recorded decisions are the ones today's code makes; otherwise the answer
// names the run and event where they part. Replays queue in a small pool so that a burst
// of them cannot take the CPU from the order worker.

type History = proto.temporal.api.history.v1.IHistory;
type Event = proto.temporal.api.history.v1.IHistoryEvent;
const { EventType } = proto.temporal.api.enums.v1;
type Bundle = NonNullable<WorkerOptions['workflowBundle']>;

export interface Divergence {
  runId: string;
  /** The first event of the workflow task whose commands differ, or the event the mismatch names. */
  eventId: number | null;
  /** What the history has there. */
  history: string;
  /** What the code did instead, as the SDK reports it. */
  code: string;
}

export interface ReplayAnswer {
  ok: boolean;
  runs: number;
  divergence?: Divergence;
}

async function failureOf(bundle: Bundle, workflowId: string, history: History): Promise<Error | undefined> {
  try {
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId);
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/** The SDK's own words on the mismatch, without its wrapping. */
function codeSays(err: Error): string {
  const m = /Nondeterminism error: (.*?)", source:/s.exec(err.message) ?? /Details: (.*)$/s.exec(err.message);
  return (m?.[1] ?? err.message).replace(/\\"/g, '"').slice(0, 500);
}

const eventName = (e: Event) => EventType[e.eventType ?? 0]?.replace(/^EVENT_TYPE_/, '') ?? 'UNKNOWN';
const eventId = (e: Event) => Number(e.eventId ?? 0);

function describeEvent(e: Event): string {
  const activity = e.activityTaskScheduledEventAttributes?.activityType?.name;
  const timer = e.timerStartedEventAttributes?.timerId;
  const marker = e.markerRecordedEventAttributes?.markerName;
  return [eventName(e), activity ?? (timer ? `timer ${timer}` : marker)].filter(Boolean).join(' ');
}

/**
 * Finds the workflow task whose commands the code no longer makes: the shortest prefix of the
 * history (ending before a workflow task is scheduled) that fails to replay.
 */
async function locate(bundle: Bundle, workflowId: string, run: WorkflowRun, err: Error): Promise<Divergence> {
  const events = run.history.events ?? [];
  const cuts = events.flatMap((e, i) => (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && i > 0 ? [i] : []));
  cuts.push(events.length);
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await failureOf(bundle, workflowId, { events: events.slice(0, cuts[mid]) })) hi = mid;
    else lo = mid + 1;
  }
  const end = cuts[lo];
  let completed = end - 1;
  while (completed > 0 && events[completed].eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) completed--;
  const commands = events.slice(completed + 1, end);
  const code = codeSays(err);
  const named = /scheduled event '([^']+)'/.exec(code)?.[1];
  const at = commands.find((e) => named && e.activityTaskScheduledEventAttributes?.activityType?.name === named) ?? commands[0];
  return {
    runId: run.runId,
    eventId: at ? eventId(at) : null,
    history: at ? describeEvent(at) : 'the history ends here',
    code,
  };
}

/** Replays every run, oldest first, and stops at the first that diverges. */
export async function replayRuns(bundle: Bundle, workflowId: string, runs: WorkflowRun[]): Promise<ReplayAnswer> {
  for (const run of runs) {
    const err = await failureOf(bundle, workflowId, run.history);
    if (err) return { ok: false, runs: runs.length, divergence: await locate(bundle, workflowId, run, err) };
  }
  return { ok: true, runs: runs.length };
}

export interface Replayer {
  replay(workflowId: string, runs: WorkflowRun[]): Promise<ReplayAnswer>;
}

/** At most `concurrency` replays at once and `queueLimit` waiting; more are refused with 503. */
export function createReplayer(opts: { bundle: () => Promise<Bundle>; concurrency: number; queueLimit: number }): Replayer {
  const limit = pLimit(opts.concurrency);
  return {
    replay(workflowId, runs) {
      if (limit.pendingCount >= opts.queueLimit)
        throw new ApiError(
          503,
          'REPLAY_BUSY',
          `${limit.activeCount + limit.pendingCount} replays are running or waiting; try again shortly`,
          undefined,
          {
            'Retry-After': '5',
          },
        );
      return limit(async () => replayRuns(await opts.bundle(), workflowId, runs));
    },
  };
}
