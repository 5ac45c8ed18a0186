import { describe, expect, it } from 'vitest';
import { member, type TaskDetail } from '../../src/cli/api-client';
import { fillForm } from '../../src/cli/form-filler';
import { completeTask as completeUpdate, orderWorkflowId } from '../../workflows/order/messages';
import { settledInconsistencies } from './harness/consistency';
import { auditor, call, createOrder, openTasks } from './harness/http';
import { sleep, waitFor } from './harness/processes';
import { contractBreaches, Traffic } from './harness/traffic';
import { useFaultStack } from './harness/use-stack';

// PostgreSQL stopped for 20 seconds in the middle of traffic. Activities keep retrying their
// writes, the API answers 503 with Retry-After for what needs the database and readiness
// fails; afterwards every projection catches up with its workflow.

const OUTAGE_MS = 20_000;
const bed = useFaultStack();
const url = () => bed.stack.api.baseUrl;

describe('PostgreSQL stopped for 20 seconds during traffic', () => {
  it('retries the activities, answers 503 for the database, fails readiness, and the rows catch up', async () => {
    const { stack } = bed;
    const traffic = new Traffic(url(), { orders: 14, createEveryMs: 700, approvers: 4, customer: 'PG-OUTAGE' });
    traffic.start();
    // A task read just before the outage, completed during it by an API replica that had read it.
    const side = await createOrder(url(), 'outside-the-traffic', 'PG-SIDE');
    let picked: { id: string } | undefined;
    await waitFor('a task outside the traffic', async () => !!(picked = (await openTasks(url(), side.body.orderNo))[0]));
    await waitFor('some orders in review', async () => (await openTasks(url())).length >= 10);
    const task = (await call(url(), 'GET', `/tasks/${encodeURIComponent(picked!.id)}`, auditor)).body as TaskDetail;

    stack.pg.stop();
    const down = Date.now();
    const handle = stack.client.workflow.getHandle(orderWorkflowId(task.orderNo));
    const request = {
      taskId: task.id,
      outcome: task.outcomes[0],
      data: fillForm(task.form, new Date().toISOString().slice(0, 10)) as Record<string, unknown>,
      actor: member(task.department, 'staff', 'ft.'),
    };
    const completion = handle.executeUpdate(completeUpdate, { args: [request], updateId: `during-pg-outage-${task.id}` });
    completion.catch(() => undefined); // awaited below; a failed test must not leave it unhandled
    await waitFor('the completion write to fail and be retried', async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.some((a) => a.activityType?.name === 'recordCompletion' && (a.attempt ?? 0) >= 2 && !!a.lastFailure);
    });

    const ready = await call(url(), 'GET', '/readyz');
    expect({ status: ready.status, retryAfter: ready.retryAfter, body: ready.body }).toEqual({
      status: 503,
      retryAfter: '5',
      body: { status: 'not ready', checks: { database: 'down', temporal: 'up' } },
    });
    for (const a of [
      await call(url(), 'GET', '/orders', auditor),
      await call(url(), 'GET', `/orders/${task.orderNo}`, auditor),
      await call(url(), 'GET', '/tasks', auditor),
      await createOrder(url(), 'during-pg-outage', 'PG-OUTAGE'),
    ]) {
      expect({ status: a.status, retryAfter: a.retryAfter, code: a.body?.error?.code }).toEqual({
        status: 503,
        retryAfter: '5',
        code: 'DATABASE_UNAVAILABLE',
      });
    }
    await sleep(OUTAGE_MS - (Date.now() - down));
    await stack.pg.start();
    const up = Date.now();

    expect(await completion).toMatchObject({ id: task.id, status: 'COMPLETED', outcome: task.outcomes[0] });
    await waitFor('completions to succeed again', () =>
      traffic.between(up, Date.now()).some((a) => a.what === 'complete' && a.status === 200),
    );
    await sleep(5_000);
    await traffic.stop();
    await traffic.settleCreates();

    expect(traffic.between(down + 1_000, up).filter((a) => a.status !== 503)).toEqual([]);
    expect(contractBreaches(traffic.answers)).toEqual([]);
    const [row] = await stack.sql`select status, outcome from tasks where id = ${task.id}`;
    expect(row).toEqual({ status: 'COMPLETED', outcome: task.outcomes[0] });
    expect(await settledInconsistencies(stack.client, stack.sql)).toEqual([]);
  });
});
