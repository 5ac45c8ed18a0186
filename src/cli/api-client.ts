import type { Actor } from '../../workflows/order/types';
import { fillForm, type JsonSchema } from './form-filler';

// A client that completes tasks as their departments would, knowing nothing of task kinds:
// it reads each task's outcomes and published form, and answers with the first outcome.
// `npm run demo` drives it over HTTP, the tests through the app in process.

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Retry-After of a 429, in seconds. */
  retryAfter?: number;
}

/** How requests reach the API: fetch for the demo, `app.inject` for the tests. */
export type Transport = (
  method: 'GET' | 'POST',
  path: string,
  actor: Actor | undefined,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

export interface TaskSummary {
  id: string;
  orderNo: string;
  department: string;
  kind: string;
  title: string;
  priority: string;
  dueAt: string;
  markers: string[];
}

export interface TaskDetail extends TaskSummary {
  outcomes: string[];
  form: JsonSchema;
  requiredRole: string | null;
}

/** A member of a department, as the generic client acts. */
export const member = (department: string, role: 'staff' | 'head' = 'staff', prefix = ''): Actor => ({
  sub: `${prefix}${department}.${role}`,
  name: `${prefix}${department} ${role}`,
  departments: [department],
  roles: [role],
});

export class ApiFailure extends Error {
  constructor(
    readonly what: string,
    readonly answer: ApiAnswer,
  ) {
    super(`${what} failed with HTTP ${answer.status}`);
  }
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AdvanceOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Told of every task completed. */
  onCompleted?: (task: TaskDetail, outcome: string) => void;
  /** Told of every new status seen. */
  onStatus?: (status: string) => void;
}

/** The transport, waiting out rate limits as their Retry-After says. */
function patient(transport: Transport): Transport {
  return async (...args) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await transport(...args);
      if (answer.status !== 429 || attempt >= 10) return answer;
      await sleep((answer.retryAfter ?? 1) * 1000);
    }
  };
}

export function genericClient(rawTransport: Transport, opts: { reader: Actor; memberPrefix?: string }) {
  const { reader } = opts;
  const transport = patient(rawTransport);
  const as = (department: string, role: 'staff' | 'head' = 'staff') => member(department, role, opts.memberPrefix);

  async function ok<T>(what: string, answer: Promise<ApiAnswer>): Promise<T> {
    const a = await answer;
    if (a.status >= 400) throw new ApiFailure(what, a);
    return a.body as T;
  }

  const get = <T>(path: string, actor: Actor = reader) => ok<T>(`GET ${path}`, transport('GET', path, actor));

  async function openTasks(orderNo: string): Promise<TaskSummary[]> {
    return (await get<{ items: TaskSummary[] }>(`/tasks?orderNo=${encodeURIComponent(orderNo)}&limit=200`)).items;
  }

  /** Completes a task with its first outcome and a form filled from its JSON Schema; answers as the API did. */
  async function completeGenerically(
    t: Pick<TaskSummary, 'id' | 'department'>,
    actor?: Actor,
    onCompleted?: AdvanceOptions['onCompleted'],
  ): Promise<ApiAnswer> {
    const path = `/tasks/${encodeURIComponent(t.id)}`;
    const task = await get<TaskDetail>(path);
    const by = actor ?? as(task.department, task.requiredRole === 'head' ? 'head' : 'staff');
    const outcome = task.outcomes[0];
    const answer = await transport('POST', `${path}/complete`, by, { outcome, data: fillForm(task.form, isoDate(new Date())) });
    if (answer.status === 200) onCompleted?.(task, outcome);
    return answer;
  }

  /**
   * Completes the order's open tasks until its status satisfies `done`. Risk plans run beside
   * the process and never block it; they are done only when nothing else is open.
   */
  async function advance(orderNo: string, done: (status: string) => boolean, options: AdvanceOptions = {}): Promise<string> {
    const until = Date.now() + (options.timeoutMs ?? 60_000);
    let seen = '';
    for (;;) {
      const { status } = await get<{ status: string }>(`/orders/${encodeURIComponent(orderNo)}`);
      if (status !== seen) options.onStatus?.((seen = status));
      if (done(status)) return status;
      if (Date.now() > until) throw new Error(`order ${orderNo} stayed ${status} past the time limit`);
      const open = await openTasks(orderNo);
      const mainLine = open.filter((t) => t.kind !== 'risk_plan');
      const todo = mainLine.length > 0 ? mainLine : open;
      if (todo.length === 0) await sleep(options.pollMs ?? 150);
      for (const t of todo) {
        const answer = await completeGenerically(t, undefined, options.onCompleted);
        // 409: someone finished it, or completing its late task withdrew this escalation.
        if (answer.status !== 200 && answer.status !== 409) throw new ApiFailure(`complete ${t.id}`, answer);
      }
    }
  }

  return { get, openTasks, completeGenerically, advance, as };
}

export type GenericClient = ReturnType<typeof genericClient>;
