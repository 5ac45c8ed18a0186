#!/usr/bin/env node
// Builds the web front end (web/ → web/dist) when the build is missing or older than its
// sources; otherwise returns at once, so `npm start` stays fast.
//   node scripts/build-web.mjs          build if stale
//   node scripts/build-web.mjs --force  build anyway
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh } from './lib/freshness.mjs';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const built = join(web, 'dist', 'index.html');
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) => join(web, p));

const force = process.argv.includes('--force');
const missing = !existsSync(built);
if (!force && isFresh([built], sources)) {
  console.log('[web] the front end in web/dist is up to date');
  process.exit(0);
}

console.log(missing ? '[web] building the front end (web/dist is missing) ...' : '[web] rebuilding the front end (web/src changed) ...');
if (!existsSync(join(web, 'node_modules', 'vite')) && !existsSync(resolve(web, '..', 'node_modules', 'vite'))) {
  console.error('[web] Vite is not installed: run `npm install` at the repository root first.');
  process.exit(1);
}
const result = spawnSync('npm', ['run', 'build', '--workspace', 'web', '--silent'], { cwd: resolve(web, '..'), stdio: 'inherit' });
if (result.status !== 0) {
  console.error('[web] the front-end build failed');
  process.exit(result.status ?? 1);
}
console.log('[web] built web/dist');
