import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { cancelOrder, completeTask, reportException } from '../../workflows/order/messages';
import { actors, reviewers } from '../helpers/fixtures';
import { rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { startOrder, waitForView } from '../helpers/workflow-run';

// No input may leave an order stuck: text the database cannot store never reaches the
// history, and a write the database refuses anyway becomes a recorded incident while the
// order goes on.

const rec = recordingActivities();
const recordCompletion = rec.activities.recordCompletion.bind(rec.activities);
rec.activities.recordCompletion = async (t) => {
  if (t.comment === 'refused by the database') {
    throw ApplicationFailure.create({
      type: 'ProjectionRejected',
      message: 'recordCompletion was refused by the database (22021)',
      nonRetryable: true,
    });
  }
  return recordCompletion(t);
};
const bed = useWorkflowTestbed('time-skipping', 'refused-writes', rec.activities);

describe('refused writes (time-skipping)', () => {
  it('refuses a NUL character or an unpaired surrogate in any Update, before it reaches the history', async () => {
    const { h } = await startOrder(bed.env, 'refused-writes', 'NUL');
    const v = await waitForView(h, (x) => x.openTasks.filter((t) => t.kind === 'review').length === 5);
    const quality = v.openTasks.find((t) => t.department === 'quality')!;
    const complete = (comment: string) =>
      h.executeUpdate(completeTask, { args: [{ taskId: quality.id, outcome: 'approve', comment, data: {}, actor: reviewers.quality }] });
    expect(await rejectionType(complete('ok\u0000'))).toBe('InvalidRequest');
    expect(await rejectionType(complete('half \ud800 a pair'))).toBe('InvalidRequest');
    expect(
      await rejectionType(
        h.executeUpdate(reportException, {
          args: [{ type: 'delay', description: 'late \udc00', department: 'production', actor: actors.production }],
        }),
      ),
    ).toBe('InvalidRequest');
    expect(await rejectionType(h.executeUpdate(cancelOrder, { args: [{ reason: 'x\u0000', actor: actors.sales }] }))).toBe(
      'InvalidRequest',
    );
    // A whole pair is fine, and the task is still open.
    expect(await rejectionType(complete('signed 👍'))).toBeUndefined();
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });

  it('records a refused projection write as an incident and carries the order on', async () => {
    const { h, orderNo } = await startOrder(bed.env, 'refused-writes', 'REF');
    const v = await waitForView(h, (x) => x.openTasks.filter((t) => t.kind === 'review').length === 5);
    for (const t of v.openTasks.filter((x) => x.kind === 'review')) {
      const comment = t.department === 'quality' ? 'refused by the database' : undefined;
      await h.executeUpdate(completeTask, {
        args: [{ taskId: t.id, outcome: 'approve', comment, data: {}, actor: reviewers[t.department] }],
      });
    }
    const after = await waitForView(h, (x) => x.openTasks.some((t) => t.kind === 'contract_draft'), 'the contract stage');
    expect(after.status).toBe('CONTRACTING');
    const incidents = rec.callsOf('recordProjectionIncident').filter((i) => i.orderNo === orderNo);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ activity: 'recordCompletion', error: 'recordCompletion was refused by the database (22021)' });
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });
});
