import type { IssueState } from '../../activities/inspections';
import { now } from '../tasks/time';
import { acts } from '../tasks/subject-host';
import type { IssueRecord, IssueStatus } from './types';

// The issue's state as the log shows it, and its timeline: each change is written once.

export interface IssueRun {
  issue: IssueRecord;
  status: IssueStatus;
  cycle: number;
  reopened: number;
  dueAt?: string;
  closedAt?: string;
  rootCause?: string;
  plan?: Record<string, unknown>;
  notices: number;
}

const stateOf = (run: IssueRun): IssueState => ({
  ...run.issue,
  status: run.status,
  cycle: run.cycle,
  reopened: run.reopened,
  overdue: 0,
  dueAt: run.dueAt,
  closedAt: run.closedAt,
  rootCause: run.rootCause,
  plan: run.plan,
  at: now().toISOString(),
});

/** Moves the issue to `status`, recording the row and one timeline event. */
export async function advance(
  run: IssueRun,
  status: IssueStatus,
  event: { type: string; summary: string; by?: string; details?: Record<string, unknown> },
): Promise<void> {
  run.status = status;
  await acts.recordIssue(stateOf(run));
  await acts.recordIssueEvent({
    id: `${run.issue.id}.c${run.cycle}.${event.type}`,
    issueId: run.issue.id,
    at: now().toISOString(),
    ...event,
  });
}

export async function recordEvent(
  run: IssueRun,
  id: string,
  event: { type: string; summary: string; by?: string; details?: Record<string, unknown> },
) {
  await acts.recordIssueEvent({ id: `${run.issue.id}.${id}`, issueId: run.issue.id, at: now().toISOString(), ...event });
}
