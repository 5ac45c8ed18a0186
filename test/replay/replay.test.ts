import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../helpers/temporal';

// Recorded order histories must keep replaying against the current workflow code: a
// change that breaks them would strand every running order.

const dir = resolve(import.meta.dirname, 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => JSON.parse(readFileSync(resolve(dir, file), 'utf8'));

/**
 * The workflow id the history ran under, as its first inbox write names it (inspections take
 * their id from it); histories whose tasks do not name it replay under the file's name.
 */
function workflowIdOf(history: { events: any[] }, file: string): string {
  const opened = history.events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'openTasks');
  const data = opened?.activityTaskScheduledEventAttributes.input?.payloads?.[0]?.data;
  const tasks = data ? JSON.parse(Buffer.from(data, 'base64').toString('utf8')) : [];
  return typeof tasks[0]?.workflowId === 'string' ? tasks[0].workflowId : file;
}

describe('recorded histories replay', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = load(file);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(history), workflowIdOf(history, file));
  });

  it('a history altered to disagree with the code is caught as non-determinism', async () => {
    const history = load(files[0]);
    const scheduled = history.events.find((e: any) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'openTasks');
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(history), 'altered'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
