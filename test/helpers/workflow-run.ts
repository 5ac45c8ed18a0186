import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { orderWorkflow } from '../../workflows';
import { orderView } from '../../workflows/order/messages';
import type { OrderInput } from '../../src/orders/schema';
import type { PolicyInput } from '../../src/policy/schema';
import type { Classification, OrderView } from '../../workflows/order/types';
import { sampleOrder, workflowInput } from './fixtures';

// One way for every workflow test to start an order, wait for it, and record its history.

export const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;

export const histories = resolve(import.meta.dirname, '../replay/histories');
const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

export interface StartOptions {
  policy?: PolicyInput;
  order?: Partial<OrderInput>;
  /** Days from now to the requested delivery date (120 by default, far from any urgency rule). */
  leadDays?: number;
  classification?: Partial<Classification>;
}

let seq = 0;

/** Starts an order on the test bed; dates follow the server's clock, which jumps ahead whenever a test waits on it. */
export async function startOrder(env: TestWorkflowEnvironment, taskQueue: string, prefix: string, opts: StartOptions = {}) {
  const orderNo = `SO-${prefix}-${++seq}-${Date.now() % 100000}`;
  const base = await env.currentTimeMs();
  const order = sampleOrder({
    requestedDeliveryDate: new Date(base + (opts.leadDays ?? 120) * DAY).toISOString().slice(0, 10),
    ...opts.order,
  });
  const input = workflowInput(orderNo, opts.policy ?? {}, order, new Date(base));
  input.classification = { ...input.classification, ...opts.classification };
  const h = await env.client.workflow.start(orderWorkflow, { workflowId: `order-${orderNo}`, taskQueue, args: [input] });
  return { h, orderNo, base };
}

/** Polls the order's view until `pred` holds. */
export async function waitForView(h: WorkflowHandle, pred: (v: OrderView) => boolean, what = 'the expected state'): Promise<OrderView> {
  // Generous: the machine running the suite may be busy; a state that never comes still fails.
  for (const until = Date.now() + 45_000; Date.now() < until;) {
    const v = await h.query(orderView);
    if (pred(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workflow did not reach ${what}: ${JSON.stringify(await h.query(orderView)).slice(0, 1500)}`);
}

/** Waits for an open task of `kind` in `round`. */
export function waitForTask(h: WorkflowHandle, kind: string, round = 1): Promise<OrderView> {
  return waitForView(h, (v) => v.openTasks.some((t) => t.kind === kind && t.round === round), `an open ${kind} task in round ${round}`);
}

/**
 * With RECORD_HISTORIES set, writes the finished workflow's history for the replay corpus
 * as `<scenario>.v<package version>.json`. A recorded file is never overwritten: the corpus
 * keeps the histories of earlier code so that running orders stay replayable.
 */
export async function recordHistory(h: WorkflowHandle, scenario: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = resolve(histories, `${scenario}.v${version}.json`);
  if (existsSync(file)) return;
  writeFileSync(file, historyToJSON(await h.fetchHistory()));
  // The new file joins the append-only corpus's manifest (npm run check:histories).
  execFileSync(process.execPath, ['scripts/check-histories.mjs', '--add']);
}
