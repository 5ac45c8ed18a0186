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
  'zod',
  'chinese-days',
];

// The layers: workflows are pure and may see the rest only as types; the API never reaches
// into activities; only the composition root (src/temporal/worker.ts) builds them.
const layer = (patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'dist/**',
      'migrations/**',
      'coverage/**',
      'scripts/**/*.mjs',
      'workflows/order/generated/**',
      'web/dist/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Fastify plugins and handlers are async by contract, awaited or not.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts'],
    ignores: ['workflows/order/generated/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Tests read untyped JSON answers and build deliberately odd inputs.
    files: ['test/**/*.ts', 'test/**/*.tsx', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // React components take `t` and handlers apart from their objects by design.
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer([
        { group: ioModules, message: 'Workflow code must stay deterministic: no I/O imports.', allowTypeImports: true },
        {
          group: ['**/src/**', '**/activities', '**/activities/**'],
          message: 'Workflows see the rest of the service as types only.',
          allowTypeImports: true,
        },
      ]),
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'fetch', message: 'No I/O in workflows.' },
        { name: 'process', message: 'No I/O in workflows.' },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer([
        { group: ['**/activities', '**/activities/**'], message: 'The API reaches the workflows through Temporal, never the activities.' },
      ]),
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/api/**', 'src/temporal/worker.ts', 'src/orders/timeline-events.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer([
        {
          group: ['**/activities', '**/activities/**'],
          message: 'Only the composition root (src/temporal/worker.ts) builds the activities.',
          allowTypeImports: true,
        },
      ]),
    },
  },
);
