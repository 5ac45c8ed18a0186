import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox: no I/O of any kind.
const ioModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'dns',
  'url',
  'util',
  'stream',
  'worker_threads',
  'process',
  'postgres',
  'drizzle-orm',
  'drizzle-orm/*',
  'fastify',
  'fastify/*',
  '@fastify/*',
  'pg',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  'pino',
  'prom-client',
  'yaml',
  'chinese-days',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'migrations/**',
      'coverage/**',
      'scripts/**/*.mjs',
      'workflows/order/generated/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ioModules, message: 'Workflow code must stay deterministic: no I/O imports.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'fetch', message: 'No I/O in workflows.' },
        { name: 'process', message: 'No I/O in workflows.' },
      ],
    },
  },
);
