import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { desiredSchedules } from '../../src/temporal/schedules';
import { inspectionView, issueView } from '../../workflows/inspection/messages';
import type { OrderFacts } from '../../workflows/inspection/checks/facts';
import type { InspectionView, IssueView } from '../../workflows/inspection/types';
import { answer, openTask, orderBehindPlan, person, refusal } from '../helpers/inspection-run';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { DAY, recordHistory } from '../helpers/workflow-run';

// 002 §3.3.1 and §5: the weekly operations inspection (started exactly as its schedule
// starts it) finds a milestone behind plan; the issue runs root cause → rectification → a
// missed deadline escalating to the head and then management → verification fails → a
// second pass → verified → closed.

const queue = 'inspection-issue';
const orderNo = 'SO-20260301-0007';
/** The orders the inspection finds; filled once the test server's clock is known. */
const facts: OrderFacts[] = [];
const rec = recordingActivities({ facts });
const bed = useWorkflowTestbed('time-skipping', queue, rec.activities);
const planner = person('pia', ['planning']);
const producer = person('pete', ['production']);

describe('a weekly operations inspection and its issue (time-skipping)', () => {
  it('finds a milestone behind plan and runs the issue to closed through a failed verification', async () => {
    const today = new Date(await bed.env.currentTimeMs());
    facts.push(orderBehindPlan(orderNo, today, 5));
    const snapshot = buildPolicy();
    const operations = desiredSchedules(snapshot, queue).find((s) => s.kind === 'operations')!;
    expect(operations.spec).toEqual({ cronExpressions: ['0 9 * * 1'], timezone: 'Asia/Shanghai' });
    const h = await bed.env.client.workflow.start('inspectionWorkflow', {
      workflowId: `${operations.action.workflowId}-2026-03-16T01:00:00Z`,
      taskQueue: queue,
      args: operations.action.args as unknown[],
    });

    const review = await openTask(rec, 'inspection_review');
    expect(review.department).toBe('planning');
    const findings = review.context?.findings as { id: string; check: string; department: string }[];
    expect(findings.map((f) => [f.id, f.check, f.department])).toEqual([
      [`${orderNo}.progress.milestone-casting`, 'progress', 'production'],
    ]);
    expect(await refusal(answer(h, review, planner, 'done', { decisions: [] }))).toBe(
      `confirm or dismiss every finding; undecided: ${findings[0].id}`,
    );
    await answer(h, review, planner, 'done', { decisions: [{ findingId: findings[0].id, decision: 'confirm' }] });
    const inspection: InspectionView = await h.result();
    expect(inspection).toMatchObject({
      id: 'operations-2026-03-16T01:00:00Z',
      status: 'DONE',
      orderNos: [orderNo],
      issueIds: ['operations-2026-03-16T01:00:00Z.1'],
    });
    expect((await h.query(inspectionView)).issueIds).toHaveLength(1);

    const issueId = inspection.issueIds[0];
    const ih = bed.env.client.workflow.getHandle(`issue-${issueId}`);
    const cause = await openTask(rec, 'root_cause');
    expect(cause).toMatchObject({ department: 'production', orderNo, subject: issueId, workflowId: `issue-${issueId}` });
    await answer(ih, cause, producer, 'analysed', {
      rootCause: 'casting supplier late',
      causeType: 'process',
      impact: 'assembly slips a week',
    });

    const plan = await openTask(rec, 'rectification_plan');
    const latest = plan.context?.latestDueDate as string;
    expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const tooLate = new Date(Date.parse(`${latest}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(
      await refusal(answer(ih, plan, producer, 'planned', { measures: ['second supplier'], owner: 'Pete', dueDate: tooLate })),
    ).toContain(`later than the latest allowed ${latest}`);
    await answer(ih, plan, producer, 'planned', { measures: ['second supplier'], owner: 'Pete', dueDate: latest });

    // The rectification is not reported by its date: the production head, then management, hear of it.
    const rectify = await openTask(rec, 'rectification_progress');
    await bed.env.sleep(Date.parse(rectify.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const toHead = await openTask(rec, 'escalation', 1, 'production');
    expect(toHead).toMatchObject({
      requiredRole: 'head',
      context: expect.objectContaining({ escalatedTaskId: rectify.id, level: 'head' }),
    });
    expect(rec.callsOf('markOverdue').map((c) => c.task.id)).toContain(rectify.id);
    await bed.env.sleep(Date.parse(toHead.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    expect((await openTask(rec, 'escalation', 1, 'management')).context).toMatchObject({
      escalatedTaskId: rectify.id,
      level: 'management',
    });
    await answer(ih, rectify, producer, 'rectified', { actions: 'second supplier qualified' });
    expect(rec.tasks.get(toHead.id)?.status).toBe('CANCELLED');

    const verify = await openTask(rec, 'issue_verification');
    expect(verify.department).toBe('planning');
    await answer(ih, verify, planner, 'fail', { reasons: ['casting still two days late'] });
    const again = await openTask(rec, 'root_cause', 2);
    expect(again.context?.verificationReasons).toEqual(['casting still two days late']);
    expect(await ih.query<IssueView>(issueView)).toMatchObject({ status: 'ANALYSING', cycle: 2, reopened: 1 });
    await answer(ih, again, producer, 'analysed', { rootCause: 'supplier capacity', causeType: 'process', impact: 'none left' });
    const plan2 = await openTask(rec, 'rectification_plan', 2);
    await answer(ih, plan2, producer, 'planned', { measures: ['split the order'], owner: 'Pete', dueDate: plan2.context?.latestDueDate });
    await answer(ih, await openTask(rec, 'rectification_progress', 2), producer, 'rectified', { actions: 'split' });
    await answer(ih, await openTask(rec, 'issue_verification', 2), planner, 'pass', {});

    expect(await ih.result()).toMatchObject({ id: issueId, status: 'CLOSED', cycle: 2, reopened: 1 });
    const statuses = rec.callsOf('recordIssue').map((r) => r.status);
    expect(statuses).toEqual([
      'ANALYSING',
      'PLANNING',
      'RECTIFYING',
      'VERIFYING',
      'ANALYSING',
      'PLANNING',
      'RECTIFYING',
      'VERIFYING',
      'CLOSED',
    ]);
    expect(rec.notices().filter((n) => n.topic === 'inspection_issue_high')).toEqual([]);
    await recordHistory(h, 'inspection-operations');
    await recordHistory(ih, 'issue-loop');
  });
});
