import { defineConfig } from 'vitest/config';

// `npm run test:web`: the page in Debian's Chromium against a real running service. The
// page's own logic (test/web/unit) runs with `npm test`.
export default defineConfig({
  test: {
    include: ['test/web/browser/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    // One browser and one service at a time on a two-core machine.
    fileParallelism: false,
  },
});
