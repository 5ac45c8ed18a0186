import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowsPath } from '../../src/temporal/worker';
import { orderWorkflow } from '../../workflows';
import { defaultCompletion, drive } from '../helpers/drive';
import { sampleOrder, workflowInput } from '../helpers/fixtures';
import { recordingActivities } from '../helpers/recording-activities';
import { startDevServer, workflowBundle } from '../helpers/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

// How a workflow change reaches running orders: behind patched(). The change shown here is
// the customer's notice after the contract signature ('contract-signed-customer-notice').
// "Before" is today's code with that one patch answering false, as the code of its day
// did; "without patched()" is today's code with it answering true even on replay.

const PATCH = 'contract-signed-customer-notice';
const realWorkflow = createRequire(import.meta.url).resolve('@temporalio/workflow');

/** Today's workflows with the one patch fixed to `taken`; every other patch behaves as in production. */
function bundleWithPatch(taken: boolean): Promise<WorkflowBundleWithSourceMap> {
  const shim = resolve(mkdtempSync(resolve(tmpdir(), 'patch-')), 'workflow-shim.js');
  writeFileSync(
    shim,
    `export * from ${JSON.stringify(realWorkflow)};
import { patched as realPatched } from ${JSON.stringify(realWorkflow)};
export function patched(id) { return id === ${JSON.stringify(PATCH)} ? ${taken} : realPatched(id); }
`,
  );
  return bundleWorkflowCode({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': shim } },
    }),
  });
}

const lifecycleHistory = () => historyFromJSON(JSON.parse(readFileSync(resolve(import.meta.dirname, 'histories/lifecycle.json'), 'utf8')));

describe('a workflow change behind patched()', () => {
  it("(a) histories recorded before the change replay against today's code", async () => {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, lifecycleHistory(), 'lifecycle');
  });

  it('(c) the same change without patched() breaks the replay of those histories', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: await bundleWithPatch(true) }, lifecycleHistory(), 'lifecycle'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  describe('(b) an order running on the dev server when the worker is upgraded', () => {
    let env: TestWorkflowEnvironment;
    beforeAll(async () => {
      env = await startDevServer();
    });
    afterAll(async () => {
      await env?.teardown();
    });

    it('started by the code before the change, it finishes on the new code and takes the new step', async () => {
      const rec = recordingActivities();
      const taskQueue = 'upgrade';
      const base = Date.now();
      const order = sampleOrder({ requestedDeliveryDate: new Date(base + 120 * 24 * 3600_000).toISOString().slice(0, 10) });
      const orderNo = `SO-UPG-${base % 100000}`;

      const before = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await bundleWithPatch(false),
        activities: rec.activities,
      });
      const h = await env.client.workflow.start(orderWorkflow, {
        workflowId: `order-${orderNo}`,
        taskQueue,
        args: [workflowInput(orderNo, {}, order)],
      });
      await before.runUntil(
        drive(h, base, (v) => v.stage === 'contract_signature' && v.openTasks.some((t) => t.kind === 'contract_signature')),
      );

      // The deploy: the old worker is gone, the new one takes over the running order.
      const after = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities: rec.activities,
      });
      const result = await after.runUntil(async () => {
        await drive(
          h,
          base,
          (v) => v.status === 'CLOSED',
          (t) => (t.kind === 'contract_signature' ? defaultCompletion(t.kind, base) : undefined),
        );
        return h.result();
      });
      expect(result.status).toBe('CLOSED');
      const notices = rec.notices().filter((n) => n.orderNo === orderNo && n.topic === 'contract_signed');
      expect(notices.filter((n) => 'customer' in n.audience)).toHaveLength(1);
      // The new step is marked in the history, so every later replay takes it too.
      const patchIds = ((await h.fetchHistory()).events ?? []).flatMap((e) =>
        Object.values(e.markerRecordedEventAttributes?.details ?? {}).map((p) => Buffer.from(p.payloads?.[0]?.data ?? []).toString()),
      );
      expect(patchIds.some((d) => d.includes(PATCH))).toBe(true);
    });
  });
});
