import type { FastifyInstance } from 'fastify';
import { signToken } from '../../../src/auth/tokens';
import { fillForm, type JsonSchema } from '../../../src/cli/form-filler';
import { DEV_JWT_SECRET } from '../../../src/config';
import type { Actor } from '../../../workflows/order/types';
import { eventually } from '../../helpers/api';
import { sampleOrder } from '../../helpers/fixtures';

// Moves an order along through the API, as the departments would, to set the scene for
// what the browser then does by hand.

export const member = (department: string): Actor => ({
  sub: `${department}.staff`,
  name: `${department} staff`,
  departments: [department],
  roles: ['staff'],
});
export const auditor: Actor = { sub: 'ada', name: 'Ada (auditor)', departments: ['audit'], roles: ['auditor'] };
export const sales: Actor = { sub: 'sally', name: 'Sally (sales)', departments: ['sales'], roles: ['staff'] };

interface OpenTask {
  id: string;
  kind: string;
  department: string;
}

export function driver(app: FastifyInstance) {
  const headers = (actor: Actor) => ({ authorization: `Bearer ${signToken(DEV_JWT_SECRET, actor)}` });
  const get = async (url: string, actor: Actor = auditor) => (await app.inject({ method: 'GET', url, headers: headers(actor) })).json();
  const post = (url: string, actor: Actor, payload?: object) => app.inject({ method: 'POST', url, headers: headers(actor), payload });

  async function receive(): Promise<string> {
    const res = await post('/orders', sales, sampleOrder());
    if (res.statusCode !== 201) throw new Error(`order not received: ${res.body}`);
    return res.json().orderNo as string;
  }

  const openTasks = async (orderNo: string): Promise<OpenTask[]> => (await get(`/tasks?orderNo=${orderNo}`)).items;

  async function complete(taskId: string, department: string, actor: Actor = member(department)): Promise<number> {
    const task = await get(`/tasks/${encodeURIComponent(taskId)}`);
    const data = fillForm(task.form as JsonSchema, new Date().toISOString().slice(0, 10));
    const res = await post(`/tasks/${encodeURIComponent(taskId)}/complete`, actor, { outcome: task.outcomes[0], data });
    return res.statusCode;
  }

  /** Completes the order's process tasks, except those of `keep`, until its status is `status`. */
  async function advanceTo(orderNo: string, status: string, keep: string[] = []): Promise<void> {
    await eventually(
      async () => {
        if ((await get(`/orders/${orderNo}`)).status === status) return true;
        for (const t of await openTasks(orderNo)) {
          if (!['risk_plan', 'escalation', ...keep].includes(t.kind)) await complete(t.id, t.department);
        }
        return false;
      },
      `order ${orderNo} to reach ${status}`,
      90_000,
    );
  }

  async function taskOf(orderNo: string, kind: string): Promise<OpenTask> {
    return eventually(async () => (await openTasks(orderNo)).find((t) => t.kind === kind), `a ${kind} task on ${orderNo}`);
  }

  return { get, post, receive, openTasks, complete, advanceTo, taskOf };
}
