import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { inspectionView } from '../../workflows/inspection/messages';
import type { InspectionView, InspectionWorkflowInput } from '../../workflows/inspection/types';
import { answer, openTask, person } from '../helpers/inspection-run';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed, workflowBundle } from '../helpers/temporal';
import { HOUR, recordHistory } from '../helpers/workflow-run';

// 002 §3.3.2: a complaint starts an inspection and a reply task whose deadline escalates;
// an audit sample is drawn inside the workflow and is the same when the history replays.

const queue = 'complaint-audit';
const candidates = Array.from({ length: 12 }, (_, i) => `SO-20260302-${String(i + 1).padStart(4, '0')}`);
const rec = recordingActivities({ candidates });
const bed = useWorkflowTestbed('time-skipping', queue, rec.activities);
const service = person('cass', ['customer_service']);
const auditor = person('aud', ['audit']);
const policy = buildPolicy();

describe('complaints and audit samples (time-skipping)', () => {
  it('a complaint opens an inspection and a reply task; a missed reply escalates to the head, then management', async () => {
    const receivedAt = new Date(await bed.env.currentTimeMs()).toISOString();
    const input: InspectionWorkflowInput = {
      kind: 'complaint',
      id: 'complaint-CMP-1',
      policy,
      startedBy: { sub: service.sub, name: service.name },
      orderNos: ['SO-20260302-0001'],
      complaint: { id: 'CMP-1', content: 'late', receivedAt },
    };
    const h = await bed.env.client.workflow.start('inspectionWorkflow', {
      workflowId: 'inspection-complaint-CMP-1',
      taskQueue: queue,
      args: [input],
    });
    const review = await openTask(rec, 'inspection_review');
    expect(review).toMatchObject({ department: 'customer_service', orderNo: 'SO-20260302-0001', subject: 'complaint-CMP-1' });
    const reply = await openTask(rec, 'complaint_reply');
    expect(Date.parse(reply.dueAt) - Date.parse(receivedAt)).toBe(24 * HOUR);

    await bed.env.sleep(Date.parse(reply.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const toHead = await openTask(rec, 'escalation', 1, 'customer_service');
    expect(toHead).toMatchObject({ requiredRole: 'head', context: expect.objectContaining({ escalatedTaskId: reply.id }) });
    await bed.env.sleep(Date.parse(toHead.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    expect((await openTask(rec, 'escalation', 1, 'management')).context).toMatchObject({ escalatedTaskId: reply.id, level: 'management' });

    await answer(h, reply, service, 'replied', { reply: 'replacement sent', channel: 'email' });
    await answer(h, review, service, 'done', { decisions: [] });
    expect(await h.result()).toMatchObject({ status: 'DONE', issueIds: [] });
    expect(rec.callsOf('recordComplaintReply')).toEqual([
      expect.objectContaining({ complaintId: 'CMP-1', reply: 'replacement sent', by: 'cass' }),
    ]);
  });

  it('an audit sample is drawn in the workflow and replays to the same orders', async () => {
    const input: InspectionWorkflowInput = {
      kind: 'audit',
      id: 'audit-1',
      policy,
      startedBy: { sub: auditor.sub, name: auditor.name },
      sample: { from: '2026-03-01', to: '2026-03-31', size: 4 },
    };
    const h = await bed.env.client.workflow.start('inspectionWorkflow', {
      workflowId: 'inspection-audit-1',
      taskQueue: queue,
      args: [input],
    });
    const review = await openTask(rec, 'inspection_review', 1, 'audit');
    const drawn = (review.context?.orders ?? []) as string[];
    expect(drawn).toHaveLength(4);
    expect(new Set(drawn).size).toBe(4);
    expect(drawn.every((o) => candidates.includes(o))).toBe(true);
    expect(drawn).toEqual([...drawn].sort());
    expect(rec.callsOf('auditCandidates')).toEqual([{ from: '2026-03-01', to: '2026-03-31', timeZone: 'Asia/Shanghai' }]);

    await answer(h, review, auditor, 'done', { decisions: [] });
    const done: InspectionView = await h.result();
    expect(done.orderNos).toEqual(drawn);
    // A closed workflow's query is answered by replaying its history: the same seed draws the same orders.
    expect((await h.query(inspectionView)).orderNos).toEqual(drawn);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, await h.fetchHistory(), 'audit-sample');
    await recordHistory(h, 'inspection-audit-sample');
  });
});
