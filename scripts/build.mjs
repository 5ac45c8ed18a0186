// @ts-check
// npm run build: the service compiled to JavaScript in dist/, for plain node.
//   dist/main.js, dist/cli/*.js  the entry points, each one ESM bundle of our own code with
//                                 every npm package left as an import, and a source map;
//   dist/workflow-bundle.js      the workflows bundled once by the Temporal SDK, which the
//                                 compiled worker loads instead of bundling at each start.
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than the
//                                       sources (npm start does this, then runs dist/main.js)
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleWorkflowCode } from '@temporalio/worker';
import { isFresh } from './lib/freshness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, 'dist');

const outputs = ['main.js', 'workflow-bundle.js'].map((file) => resolve(dist, file));
// Everything bundled into dist/: our code, and the locked packages inside the workflow bundle.
const sources = ['src', 'workflows', 'activities', 'package.json', 'package-lock.json'].map((p) => resolve(root, p));
if (process.argv.includes('--if-stale') && isFresh(outputs, sources)) {
  console.log('[build] dist/ is up to date');
  process.exit(0);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'src/main.ts',
    'cli/repair': 'src/cli/repair.ts',
    'cli/token': 'src/cli/token.ts',
    'cli/demo': 'src/cli/demo.ts',
  },
  outdir: dist,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});

const { code } = await bundleWorkflowCode({
  workflowsPath: resolve(root, 'workflows/index.ts'),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
});
await writeFile(resolve(dist, 'workflow-bundle.js'), code);
console.log('built dist/main.js, dist/cli/{repair,token,demo}.js and dist/workflow-bundle.js');
