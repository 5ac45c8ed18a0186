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

describe('recorded histories replay', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(load(file)), file);
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
