// On SIGUSR2 a benchmark process prints its memory as one JSON line, after a full garbage
// collection when node runs with --expose-gc, so that the figure is what stays alive.

export function reportMemoryOnSignal(): void {
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    console.log(JSON.stringify({ msg: 'memory', rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external }));
  });
}
