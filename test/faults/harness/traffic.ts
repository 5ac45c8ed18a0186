import { call, completeTask, createOrder, openTasks, auditor, type Answer } from './http';
import { sleep } from './processes';

// Traffic as people make it: sales keep entering orders (each with its own Idempotency-Key,
// retried after a 503), approvers complete whatever is open, and someone keeps reading the
// order list. Every answer is recorded with its time, for the tests to judge.

export interface Recorded {
  at: number;
  what: 'create' | 'complete' | 'list';
  status: number;
  retryAfter: string | null;
  code?: string;
}

export interface TrafficOptions {
  /** How many orders to create in all. */
  orders: number;
  createEveryMs?: number;
  /** How many tasks to complete at once. */
  approvers?: number;
  customer?: string;
}

export class Traffic {
  readonly answers: Recorded[] = [];
  readonly orderNos = new Set<string>();
  private readonly pending: string[] = [];
  private created = 0;
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly opts: TrafficOptions,
  ) {}

  start(): void {
    this.loops = [this.creating(), this.completing(), this.listing()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  /** Repeats every create that got no order until each has one, as a client retrying would. */
  async settleCreates(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.pending.length > 0) {
      if (Date.now() > until) throw new Error(`creates still failing: ${this.pending.join(', ')}`);
      await this.createOnce(this.pending.shift()!);
      await sleep(200);
    }
  }

  /** Answers recorded between two instants. */
  between(from: number, to: number): Recorded[] {
    return this.answers.filter((a) => a.at >= from && a.at <= to);
  }

  private record(what: Recorded['what'], a: Answer): void {
    this.answers.push({ at: Date.now(), what, status: a.status, retryAfter: a.retryAfter, code: a.body?.error?.code });
  }

  private async createOnce(key: string): Promise<void> {
    const a = await createOrder(this.baseUrl, key, this.opts.customer);
    this.record('create', a);
    if (a.status === 200 || a.status === 201) this.orderNos.add(a.body.orderNo);
    else this.pending.push(key);
  }

  private async creating(): Promise<void> {
    const prefix = `${this.opts.customer ?? 'traffic'}-${Date.now()}`;
    while (!this.stopped && this.created < this.opts.orders) {
      const key = this.pending.shift() ?? `${prefix}-${this.created++}`;
      await this.createOnce(key);
      await sleep(this.opts.createEveryMs ?? 400);
    }
  }

  private async completing(): Promise<void> {
    const approvers = this.opts.approvers ?? 6;
    while (!this.stopped) {
      const open = await openTasks(this.baseUrl);
      const batch = open.filter((t) => this.orderNos.has(t.orderNo)).slice(0, approvers);
      await Promise.all(batch.map(async (t) => this.record('complete', await completeTask(this.baseUrl, t.id))));
      await sleep(batch.length ? 50 : 300);
    }
  }

  private async listing(): Promise<void> {
    while (!this.stopped) {
      this.record('list', await call(this.baseUrl, 'GET', '/orders?limit=20', auditor));
      await sleep(500);
    }
  }
}

/** Answers that break the contract: a 5xx other than 503, or a 503 without Retry-After. */
export function contractBreaches(answers: Recorded[]): Recorded[] {
  return answers.filter((a) => (a.status >= 500 && a.status !== 503) || (a.status === 503 && !a.retryAfter));
}
