import type { Client } from '@temporalio/client';
import type postgres from 'postgres';
import { orderTimeline } from '../../../src/orders/timeline';
import { orderView } from '../../../workflows/order/messages';
import { sleep } from './processes';

// The end of every fault test: each order's rows against its workflow's own state (status,
// version, open tasks), every row with its workflow and every workflow with its row, and no
// task completed twice in any history.

const openStatuses = ['OPEN', 'CLAIMED'];

async function workflowIds(temporal: Client): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const w of temporal.workflow.list({ query: `WorkflowType = 'orderWorkflow'` })) ids.add(w.workflowId);
  return ids;
}

/** Every difference between the workflows and the rows, in words; empty when they agree. */
export async function inconsistencies(temporal: Client, sql: postgres.Sql): Promise<string[]> {
  const problems: string[] = [];
  const rows = await sql<{ order_no: string; workflow_id: string; status: string; version: number }[]>`
    select order_no, workflow_id, status, version from orders order by order_no`;
  const taskRows = await sql<{ id: string; order_no: string; workflow_id: string | null; status: string; assignee: string | null }[]>`
    select id, order_no, workflow_id, status, assignee from tasks`;
  const ids = await workflowIds(temporal);
  const stored = new Set(rows.map((r) => r.workflow_id));
  for (const id of ids) if (!stored.has(id)) problems.push(`workflow ${id} has no order row`);
  for (const row of rows) {
    if (!ids.has(row.workflow_id)) {
      problems.push(`order ${row.order_no} has no workflow`);
      continue;
    }
    const handle = temporal.workflow.getHandle(row.workflow_id);
    const view = await temporal.withDeadline(Date.now() + 10_000, () => handle.query(orderView));
    if (view.status !== row.status) problems.push(`order ${row.order_no}: workflow ${view.status}, row ${row.status}`);
    if (view.version !== row.version) problems.push(`order ${row.order_no}: workflow version ${view.version}, row ${row.version}`);
    const inWorkflow = view.openTasks.map((t) => `${t.id} ${t.status} ${t.assignee ?? '-'}`).sort();
    const inRows = taskRows
      // The order workflow's own tasks: its receivables keep theirs under the order number too.
      .filter(
        (t) => t.order_no === row.order_no && (t.workflow_id ?? row.workflow_id) === row.workflow_id && openStatuses.includes(t.status),
      )
      .map((t) => `${t.id} ${t.status} ${t.assignee ?? '-'}`)
      .sort();
    if (JSON.stringify(inWorkflow) !== JSON.stringify(inRows)) {
      problems.push(`order ${row.order_no}: open tasks in the workflow [${inWorkflow.join(', ')}], in the rows [${inRows.join(', ')}]`);
    }
    const completions = new Map<string, number>();
    for (const e of await orderTimeline(temporal, row.workflow_id)) {
      if (e.type === 'task_completed') completions.set(String(e.taskId), (completions.get(String(e.taskId)) ?? 0) + 1);
    }
    for (const [taskId, n] of completions) if (n > 1) problems.push(`task ${taskId} was completed ${n} times`);
  }
  return problems;
}

/** Waits until rows and workflows agree (projections catch up asynchronously); answers what still differs. */
export async function settledInconsistencies(temporal: Client, sql: postgres.Sql, timeoutMs = 90_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const problems = await inconsistencies(temporal, sql).catch((err: Error) => [`check failed: ${err.message}`]);
    if (problems.length === 0 || Date.now() > until) return problems;
    await sleep(1_000);
  }
}
