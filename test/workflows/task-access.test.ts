import { describe, expect, it } from 'vitest';
import { assignTask, cancelOrder, claimTask, completeTask, unclaimTask } from '../../workflows/order/messages';
import { actors } from '../helpers/fixtures';
import { rejectionType } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { startOrder, waitForView } from '../helpers/workflow-run';

// The Update validators apply the same access rules as the API (workflows/access.ts).

const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', 'task-access', rec.activities);
const colleague = { sub: 'piet', name: 'Piet', departments: ['production'], roles: ['staff'] };

describe('who may act on a task (time-skipping)', () => {
  it('claim, release and assign follow the rules; auditors never write', async () => {
    const { h } = await startOrder(bed.env, 'task-access', 'ACC');
    const v = await waitForView(h, (x) => x.openTasks.some((t) => t.kind === 'review' && t.department === 'production'));
    const task = v.openTasks.find((t) => t.kind === 'review' && t.department === 'production')!;
    const update = <T>(def: T, args: object) => h.executeUpdate(def as never, { args: [{ taskId: task.id, ...args }] });

    expect(await rejectionType(update(completeTask, { outcome: 'approve', data: {}, actor: actors.auditor }))).toBe('NotYourTask');
    expect(await rejectionType(h.executeUpdate(cancelOrder, { args: [{ reason: 'audit', actor: actors.auditor }] }))).toBe('NotYourTask');
    expect(await rejectionType(update(claimTask, { actor: actors.production }))).toBeUndefined();
    // Only the claimer or the production head may release it; only the head assigns it.
    expect(await rejectionType(update(unclaimTask, { actor: colleague }))).toBe('NotYourTask');
    expect(await rejectionType(update(completeTask, { outcome: 'approve', data: {}, actor: colleague }))).toBe('TaskNotOpen');
    expect(await rejectionType(update(assignTask, { assignee: { sub: colleague.sub }, actor: colleague }))).toBe('NotYourTask');
    expect(await rejectionType(update(unclaimTask, { actor: actors.productionHead }))).toBeUndefined();
    expect(rec.tasks.get(task.id)).toMatchObject({ status: 'OPEN' });
    expect(await rejectionType(update(assignTask, { assignee: { sub: colleague.sub }, actor: actors.productionHead }))).toBeUndefined();
    expect(rec.tasks.get(task.id)).toMatchObject({ status: 'CLAIMED', assignee: colleague.sub });
    expect(await rejectionType(update(completeTask, { outcome: 'approve', data: {}, actor: colleague }))).toBeUndefined();
    await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
  });
});
