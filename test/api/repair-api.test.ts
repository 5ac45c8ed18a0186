import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectionIncidents, tasks } from '../../src/db/schema';
import { actors, reviewers, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';

// The repair path: an order's rows that drifted from its workflow are rewritten from it.

const bed = useStack();
const admin = { sub: 'root', name: 'Root', departments: [], roles: ['admin'] };

describe('repair', () => {
  it('rewrites drifted rows from the workflow, reports what differed, and closes the incidents', async () => {
    const api = requests(bed.app);
    const created = await api.post('/orders', actors.sales, sampleOrder());
    const { orderNo } = created.json<{ orderNo: string }>();
    const reviews = await eventually(async () => {
      const items = (await api.get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as {
        id: string;
        department: string;
        kind: string;
      }[];
      const found = items.filter((t) => t.kind === 'review');
      return found.length === 5 ? found : undefined;
    }, 'review tasks');
    const quality = reviews.find((t) => t.department === 'quality')!;
    const done = await api.post(`/tasks/${encodeURIComponent(quality.id)}/complete`, reviewers.quality, { outcome: 'approve' });
    expect(done.statusCode).toBe(200);

    // A lost write: the row says OPEN while the workflow says COMPLETED, and an incident is open.
    const { db } = bed.stack.database;
    await db.update(tasks).set({ status: 'OPEN', outcome: null }).where(eq(tasks.id, quality.id));
    await db
      .insert(projectionIncidents)
      .values({ id: `${orderNo}.i1`, orderNo, activity: 'recordCompletion', error: 'refused (22021)', occurredAt: new Date() });

    expect((await api.post(`/orders/${orderNo}/repair`, actors.sales)).statusCode).toBe(403);
    const repaired = await api.post(`/orders/${orderNo}/repair`, admin);
    expect(repaired.statusCode).toBe(200);
    const report = repaired.json();
    expect(report).toMatchObject({ orderNo, tasksWritten: 5, incidentsClosed: 1 });
    expect(report.differences).toEqual([
      {
        what: `task ${quality.id}`,
        workflow: expect.objectContaining({ status: 'COMPLETED', outcome: 'approve' }),
        rows: expect.objectContaining({ status: 'OPEN', outcome: null }),
      },
    ]);
    const [row] = await db.select().from(tasks).where(eq(tasks.id, quality.id));
    expect(row).toMatchObject({ status: 'COMPLETED', outcome: 'approve', completedBy: reviewers.quality.sub });
    const again = (await api.post(`/orders/${orderNo}/repair`, admin)).json();
    expect(again).toMatchObject({ differences: [], incidentsClosed: 0 });
    expect((await api.post('/orders/SO-NO-SUCH/repair', admin)).statusCode).toBe(404);
  });
});
