import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { orderWorkflow } from '../../workflows';
import { cancelOrder, completeTask, orderView, reportException, requestChange } from '../../workflows/order/messages';
import type { OrderView } from '../../workflows/order/types';
import { actors, sampleOrder, workflowInput } from '../helpers/fixtures';
import { complete, drive } from '../helpers/drive';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { recordHistory } from '../helpers/workflow-run';

// A long life compressed: on the real dev server (whose continue-as-new is the production
// code path), the weekly cadence runs at a fraction of a second, so that more than a
// year's worth of reports passes through several runs in seconds. The calendar-true
// weekly cadence over a year is proven on the time-skipping server in lifecycle.test.ts.

const DAY = 24 * 3600 * 1000;
const INTERVAL_MS = 300;

const rec = recordingActivities();
const bed = useWorkflowTestbed('dev', 'long-life', rec.activities);

const iso = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const reportsOf = (orderNo: string) => rec.callsOf('storeProgressReport').filter((r) => r.orderNo === orderNo);
const atStage = (stage: string) => (v: OrderView) =>
  v.stage === stage && v.openTasks.some((t) => t.kind !== 'risk_plan' && t.kind !== 'escalation');

async function until(pred: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('long lives', () => {
  it(
    'continues as new through more than a year of weekly reports, keeping open tasks, exceptions, a pending change and the cadence',
    { timeout: 180_000 },
    async () => {
      const orderNo = `SO-LONG-${Date.now() % 1_000_000}`;
      const policy = { workflow: { continueAsNewAfterEvents: 150 }, progressReport: { intervalDays: INTERVAL_MS / DAY } };
      const h: WorkflowHandle<typeof orderWorkflow> = await bed.env.client.workflow.start(orderWorkflow, {
        workflowId: `order-${orderNo}`,
        taskQueue: 'long-life',
        args: [workflowInput(orderNo, policy, sampleOrder({ requestedDeliveryDate: iso(800) }))],
      });
      await drive(h, Date.now(), atStage('production'), (t) =>
        t.kind === 'production_plan'
          ? [
              'planned',
              {
                batches: [{ batchNo: 'B1', quantity: 400, plannedStart: iso(1), plannedEnd: iso(700) }],
                milestones: [{ name: 'long haul', plannedDate: iso(700) }],
              },
            ]
          : undefined,
      );
      const firstRun = (await h.describe()).runId;
      const milestone = (await h.query(orderView)).openTasks.find((t) => t.kind === 'milestone')!;
      const exception = await h.executeUpdate(reportException, {
        args: [{ type: 'material_shortage', description: 'castings short by 40', department: 'production', actor: actors.production }],
      });

      // A change waits for the sales head across every run.
      const change = await h.executeUpdate(requestChange, {
        args: [
          {
            changes: { deliveryAddress: 'No. 9 Binjiang Road, Hangzhou' },
            reason: 'new warehouse',
            impact: { note: 'none' },
            actor: actors.sales,
          },
        ],
      });

      await until(() => reportsOf(orderNo).length >= 60, 120_000);
      const runs = new Set<string>();
      for await (const w of bed.env.client.workflow.list({ query: `WorkflowId = 'order-${orderNo}'` })) runs.add(w.runId);
      expect(runs.size).toBeGreaterThan(2);
      expect((await h.describe()).runId).not.toBe(firstRun);

      const v = await h.query(orderView);
      expect(v.stage).toBe('production');
      expect(v.openTasks.find((t) => t.kind === 'milestone')?.id).toBe(milestone.id);
      expect(v.exceptions.map((e) => e.id)).toEqual([exception.id]);
      expect(v.change).toMatchObject({ id: change.id, status: 'HEAD_REVIEW' });
      const approval = v.openTasks.find((t) => t.kind === 'change_approval')!;
      await h.executeUpdate(completeTask, {
        args: [{ taskId: approval.id, outcome: 'approve', data: {}, actor: { ...actors.salesHead } }],
      });
      await until(
        async () => (await h.query(orderView)).openTasks.some((t) => t.kind === 'change_review' && t.department === 'logistics'),
        20_000,
      );

      // No report lost or doubled across runs, and the cadence stays anchored to the first.
      const reports = reportsOf(orderNo);
      expect(reports.map((r) => r.seq)).toEqual(Array.from({ length: reports.length }, (_, i) => i + 1));
      const first = Date.parse(reports[0].generatedAt);
      reports.slice(1).forEach((r, i) => expect(Date.parse(r.generatedAt)).toBeGreaterThanOrEqual(first + (i + 1) * INTERVAL_MS));
      expect(reports.at(-1)?.openExceptions.map((e) => e.id)).toEqual([exception.id]);

      // The task opened several runs ago is completed through the same workflow ID.
      await complete(h, milestone, 'done', { completedOn: iso(0) });
      await until(async () => (await h.query(orderView)).stage === 'final_inspection', 20_000);
      await h.executeUpdate(cancelOrder, { args: [{ reason: 'end of test', actor: actors.sales }] });
      expect((await h.result()).status).toBe('CANCELLED');
      await recordHistory(h, 'continued-run');
    },
  );
});
