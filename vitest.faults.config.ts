import { defineConfig } from 'vitest/config';

// `npm run test:faults`: crashes and outages against real processes (a Temporal dev server,
// a private PostgreSQL, the worker and the API as children). One file at a time: each runs
// its own servers on a two-core machine.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
