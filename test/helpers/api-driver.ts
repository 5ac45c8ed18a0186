import type { FastifyInstance } from 'fastify';
import { fillForm, type JsonSchema } from '../../src/cli/form-filler';
import type { Actor } from '../../workflows/order/types';
import { eventually, requests } from './api';
import { actors } from './fixtures';

// A client that completes tasks as their departments would, knowing nothing of task kinds:
// it reads each task's first outcome and fills its published form.

export interface OpenTask {
  id: string;
  orderNo: string;
  department: string;
  kind: string;
  priority: string;
  dueAt: string;
  markers: string[];
}

export const member = (department: string, role = 'staff'): Actor => ({
  sub: `${department}.${role}`,
  name: `${department} ${role}`,
  departments: [department],
  roles: [role],
});

const today = () => new Date().toISOString().slice(0, 10);

export function apiDriver(app: () => FastifyInstance) {
  const get = (url: string, actor: Actor) => requests(app()).get(url, actor);
  const post = (url: string, actor: Actor, payload?: unknown) => requests(app()).post(url, actor, payload);
  const openTasks = async (orderNo: string) => (await get(`/tasks?orderNo=${orderNo}`, actors.auditor)).json().items as OpenTask[];

  async function completeGenerically(t: Pick<OpenTask, 'id' | 'department'>, actor = member(t.department)) {
    const task = (await get(`/tasks/${encodeURIComponent(t.id)}`, actors.auditor)).json() as { outcomes: string[]; form: JsonSchema };
    return post(`/tasks/${encodeURIComponent(t.id)}/complete`, actor, { outcome: task.outcomes[0], data: fillForm(task.form, today()) });
  }

  /** Completes the order's open process tasks until its status satisfies `done`. */
  async function advanceTo(orderNo: string, done: (status: string) => boolean): Promise<void> {
    await eventually(
      async () => {
        if (done((await get(`/orders/${orderNo}`, actors.auditor)).json().status)) return true;
        for (const t of (await openTasks(orderNo)).filter((x) => x.kind !== 'risk_plan' && x.kind !== 'escalation'))
          await completeGenerically(t);
        return false;
      },
      'the order to advance',
      60_000,
    );
  }

  return { get, post, openTasks, completeGenerically, advanceTo };
}
