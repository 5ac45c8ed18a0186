import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own Temporal server; two cores do not take more than two at once.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
