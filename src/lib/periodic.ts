// A chore every process repeats while it runs (the orphan sweep, the history archive):
// once at start, then about every `intervalMs` with some jitter so replicas spread out.
// `stop()` waits for a round in progress.

export interface Periodic {
  stop(): Promise<void>;
}

export function startPeriodic(round: () => Promise<void>, intervalMs: number): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => schedule(intervalMs * (0.8 + Math.random() * 0.4)));
    }, delay);
    timer.unref();
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
