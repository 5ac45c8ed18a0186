import { median, MiB } from './measure';

// The benchmark's table: each figure for the service and the bare twin, and their ratio.

export interface Row {
  figure: string;
  unit: string;
  service: number;
  bare: number;
  /** Whether more is better (throughput) or worse (latency, CPU, memory). */
  higherIsBetter: boolean;
  /** The ratio of each run, service to the bare run beside it: the spread a shared machine gives. */
  eachRun?: number[];
}

const fmt = (v: number) =>
  Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3)) : 'n/a';

export function table(rows: Row[]): string {
  const lines = ['| figure | unit | service | bare | service / bare | each run |', '|---|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    const runs = r.eachRun?.map((x) => x.toFixed(2)).join(' / ') ?? '—';
    lines.push(`| ${r.figure} | ${r.unit} | ${fmt(r.service)} | ${fmt(r.bare)} | ${fmt(r.service / r.bare)}× | ${runs} |`);
  }
  return lines.join('\n');
}

export interface SideRuns {
  ordersPerSec: number[];
  tasksPerSec: number[];
  cpuPerOrder: number[];
  historyEvents: number[];
  p50: number[];
  p95: number[];
  p99: number[];
  rssPerParked?: number;
  heapPerParked?: number;
}

export function rows(service: SideRuns, bare: SideRuns, opts: { concurrency: number; approvers: number; parked: number }): Row[] {
  type Medians = readonly [number, number] & { eachRun?: number[] };
  const m = (k: keyof SideRuns): Medians => {
    const [s, b] = [service[k] as number[], bare[k] as number[]];
    return Object.assign([median(s), median(b)] as const, { eachRun: s.map((v, i) => v / b[i]) });
  };
  const row = (figure: string, unit: string, medians: Medians, higherIsBetter = false): Row => ({
    figure,
    unit,
    service: medians[0],
    bare: medians[1],
    higherIsBetter,
    eachRun: medians.eachRun,
  });
  return [
    row(`full-lifecycle throughput, ${opts.concurrency} orders at a time`, 'orders/s', m('ordersPerSec'), true),
    row('tasks completed', 'tasks/s', m('tasksPerSec'), true),
    row(`POST /tasks/:id/complete p50, ${opts.approvers} approvers at once`, 'ms', m('p50')),
    row('… p95', 'ms', m('p95')),
    row('… p99', 'ms', m('p99')),
    row('history events per order (the service: order and receivables)', 'events', m('historyEvents')),
    row('worker CPU per order', 's', m('cpuPerOrder')),
    row(`worker RSS per parked order (${opts.parked} parked)`, 'MiB', [
      (service.rssPerParked ?? NaN) / MiB,
      (bare.rssPerParked ?? NaN) / MiB,
    ]),
    // Workflows run in the worker's threads: RSS holds their heaps, the main thread's heap does not.
    row(`worker main-thread heap per parked order`, 'MiB', [(service.heapPerParked ?? NaN) / MiB, (bare.heapPerParked ?? NaN) / MiB]),
  ];
}
