import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests need Chromium and a built page: `npm run test:web` runs them.
    // The fault suite starts and kills real servers: `npm run test:faults` runs it.
    exclude: [...configDefaults.exclude, 'test/web/browser/**', 'test/faults/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own Temporal server; two cores do not take more than two at once.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
