import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { WorkflowNotFoundError } from '@temporalio/client';
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { archiveEndedOrders } from '../../src/audit/archive-sweep';
import { workflowHistoryArchive } from '../../src/db/schema';
import { orderWorkflowId } from '../../workflows/order/messages';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';

// An ended order's history outlives Temporal's retention: the worker copies every run into
// PostgreSQL, and the audit timeline and the replay read the copy once Temporal deleted it.

const bed = useStack();
const admin = { sub: 'root', name: 'Root', departments: [], roles: ['admin'] };

describe('the history archive', () => {
  it('keeps a cancelled order’s timeline and replay after Temporal deletes its history', async () => {
    const api = requests(bed.app);
    const { orderNo } = (await api.post('/orders', actors.sales, sampleOrder())).json<{ orderNo: string }>();
    const workflowId = orderWorkflowId(orderNo);
    await eventually(async () => (await api.get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items.length > 0, 'review tasks');
    const cancelled = await api.post(`/orders/${orderNo}/cancel`, actors.sales, { reason: 'customer withdrew' });
    expect(cancelled.json().status).toBe('CANCELLED');

    const deps = { db: bed.stack.database.db, temporal: bed.stack.env.client };
    const archived = await eventually(async () => {
      const done = await archiveEndedOrders(deps);
      return done.length > 0 ? done : undefined;
    }, 'the archive round');
    expect(archived).toEqual([workflowId]);
    expect(await archiveEndedOrders(deps)).toEqual([]);

    // The copy holds the whole history: every event Temporal has, in order.
    const live = await bed.stack.env.client.workflow.getHandle(workflowId).fetchHistory();
    const rows = await deps.db.select().from(workflowHistoryArchive).where(eq(workflowHistoryArchive.workflowId, workflowId));
    expect(rows.map((r) => ({ runIndex: r.runIndex, status: r.status, eventCount: r.eventCount }))).toEqual([
      { runIndex: 1, status: 'COMPLETED', eventCount: live.events!.length },
    ]);
    const copy = proto.temporal.api.history.v1.History.decode(gunzipSync(rows[0].history));
    expect(copy.events.map((e) => [Number(e.eventId), e.eventType])).toEqual(live.events!.map((e) => [Number(e.eventId), e.eventType]));

    const before = (await api.get(`/orders/${orderNo}/history`, actors.auditor)).json();
    expect(before.events.map((e: { type: string }) => e.type)).toContain('cancel_requested');

    await bed.stack.env.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId } });
    await eventually(
      () =>
        bed.stack.env.client.workflow
          .getHandle(workflowId)
          .describe()
          .then(
            () => false,
            (err: unknown) => err instanceof WorkflowNotFoundError,
          ),
      'Temporal to delete the history',
      // The dev server deletes in the background, after its own short delay.
      90_000,
    );

    const after = await api.get(`/orders/${orderNo}/history`, actors.auditor);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(before);

    const replayed = await api.post(`/orders/${orderNo}/replay`, actors.auditor);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toEqual({ ok: true, runs: 1 });
  });

  it('replays a live order for auditors and admins only', async () => {
    const api = requests(bed.app);
    const { orderNo } = (await api.post('/orders', actors.sales, sampleOrder())).json<{ orderNo: string }>();
    await eventually(async () => (await api.get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items.length > 0, 'review tasks');
    expect((await api.post(`/orders/${orderNo}/replay`, admin)).json()).toEqual({ ok: true, runs: 1 });
    const refused = await api.post(`/orders/${orderNo}/replay`, actors.sales);
    expect(refused.statusCode).toBe(403);
    expect((await api.post('/orders/SO-20990101-0001/replay', actors.auditor)).statusCode).toBe(404);
  });
});
