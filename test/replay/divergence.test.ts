import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { describe, expect, it } from 'vitest';
import { replayRuns } from '../../src/audit/replay';
import { workflowBundle } from '../helpers/temporal';

// What the auditors' replay answers when the code no longer makes the recorded decisions:
// the run, the event, what the history has there and what the code did.

const recorded = () => historyFromJSON(JSON.parse(readFileSync(resolve(import.meta.dirname, 'histories/lifecycle.json'), 'utf8')));

describe('replaying an order history', () => {
  it('passes every run of a history the code still makes', async () => {
    const history = recorded();
    expect(await replayRuns(await workflowBundle(), 'lifecycle', [{ runId: 'r1', history }])).toEqual({ ok: true, runs: 1 });
  });

  it('names the event where the code parts from the history', async () => {
    const history = recorded();
    // The history says another activity was scheduled where the code schedules recordStatus.
    const changed = history.events!.find((e) => Number(e.eventId) === 17)!;
    expect(changed.activityTaskScheduledEventAttributes?.activityType?.name).toBe('recordStatus');
    changed.activityTaskScheduledEventAttributes!.activityType!.name = 'recordSomethingElse';

    const answer = await replayRuns(await workflowBundle(), 'lifecycle', [
      { runId: 'r1', history: recorded() },
      { runId: 'r2', history },
    ]);
    expect(answer).toEqual({
      ok: false,
      runs: 2,
      divergence: {
        runId: 'r2',
        eventId: 17,
        history: 'ACTIVITY_TASK_SCHEDULED recordSomethingElse',
        code: expect.stringContaining("activity command 'recordStatus'") as string,
      },
    });
  });
});
