import { describe, expect, it } from 'vitest';
import { fillForm, type JsonSchema } from '../../src/cli/form-filler';
import type { Actor } from '../../workflows/order/types';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';

// A client that knows no task kind drives an order from intake to CLOSED: every task is
// completed with its first outcome and a form filled from the published JSON Schema. If
// this passes, the forms alone are enough to run the whole process.

const bed = useStack();

interface TaskSummary {
  id: string;
  department: string;
  kind: string;
}
interface TaskDetail extends TaskSummary {
  outcomes: string[];
  form: JsonSchema;
  requiredRole: string | null;
}

const get = (url: string, actor: Actor) => requests(bed.app).get(url, actor);
const post = (url: string, actor: Actor, payload?: unknown) => requests(bed.app).post(url, actor, payload);
const member = (department: string, role: 'staff' | 'head'): Actor => ({
  sub: `${department}.${role}`,
  name: `${department} ${role}`,
  departments: [department],
  roles: [role],
});
const today = () => new Date().toISOString().slice(0, 10);

describe('a generic client', () => {
  it('drives a routine order to CLOSED from outcomes and forms alone', async () => {
    const created = await post('/orders', actors.sales, sampleOrder());
    expect(created.statusCode).toBe(201);
    const { orderNo } = created.json() as { orderNo: string };

    const completedBy = new Set<string>();
    const until = Date.now() + 150_000;
    let status = '';
    for (let i = 0; i < 2000; i++) {
      status = (await get(`/orders/${orderNo}`, actors.auditor)).json().status;
      if (status === 'CLOSED' || status === 'CANCELLED' || Date.now() > until) break;
      const open = (await get(`/tasks?orderNo=${orderNo}&limit=200`, actors.auditor)).json().items as TaskSummary[];
      if (open.length === 0) {
        await new Promise((r) => setTimeout(r, 150));
        continue;
      }
      for (const summary of open) {
        const task = (await get(`/tasks/${encodeURIComponent(summary.id)}`, member(summary.department, 'staff'))).json() as TaskDetail;
        const actor = member(task.department, task.requiredRole === 'head' ? 'head' : 'staff');
        const res = await post(`/tasks/${encodeURIComponent(task.id)}/complete`, actor, {
          outcome: task.outcomes[0],
          data: fillForm(task.form, today()),
        });
        // 409: an escalation that went away when its late task was completed.
        expect([200, 409], `${task.id}: ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 200) completedBy.add(task.department);
      }
    }
    expect(status).toBe('CLOSED');
    expect([...completedBy]).toEqual(
      expect.arrayContaining(['legal', 'production', 'procurement', 'quality', 'warehouse', 'logistics', 'sales']),
    );

    const reports = await eventually(async () => {
      const items = (await get(`/orders/${orderNo}/reports`, actors.auditor)).json().items as unknown[];
      return items.length > 0 ? items : undefined;
    }, `progress reports of ${orderNo}`);
    expect(reports.length).toBeGreaterThanOrEqual(1);

    const history = await get(`/orders/${orderNo}/history`, actors.auditor);
    expect(history.statusCode).toBe(200);
    const changes = (history.json().events as { type: string; status?: string }[])
      .filter((e) => e.type === 'status_changed')
      .map((e) => e.status);
    expect(changes).toContain('DELIVERED');
    expect(changes).toContain('CLOSED');
    expect(changes.indexOf('DELIVERED')).toBeLessThan(changes.indexOf('CLOSED'));
  }, 180_000);
});
