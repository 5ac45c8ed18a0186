#!/usr/bin/env node
// @ts-check
// Makes sure the Temporal binaries used for local development and tests exist,
// and records their absolute paths in .tools/paths.json (see bootstrap/paths-file.mjs).
//
// Usage: node scripts/bootstrap.mjs [dev-server|test-server|all]   (default: all)
//
//   bootstrap/temporal-cli.mjs       the Temporal CLI (dev server): found, or built with Go
//   bootstrap/test-server.mjs        the time-skipping test server: found, or resolved with Maven
//   bootstrap/test-server-smoke.mjs  a new test-server launcher must start before it is kept
//   bootstrap/run-logged.mjs         long builds with a log file and a heartbeat
//   bootstrap/common.mjs             folders, logging, file helpers
//
// Only built-in Node modules are used, so this runs before `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { BuildError, log, ROOT, TOOLS_DIR } from './bootstrap/common.mjs';
import { PATHS_FILE, readPaths, writePaths } from './bootstrap/paths-file.mjs';
import { ensureTemporalCli } from './bootstrap/temporal-cli.mjs';
import { ensureTestServer } from './bootstrap/test-server.mjs';

async function main() {
  const target = process.argv[2] ?? 'all';
  if (!['dev-server', 'test-server', 'all'].includes(target) || process.argv.length > 3) {
    console.error('Usage: node scripts/bootstrap.mjs [dev-server|test-server|all]');
    process.exit(2);
  }
  fs.mkdirSync(TOOLS_DIR, { recursive: true });

  if (target === 'dev-server' || target === 'all') {
    writePaths({ temporalCli: await ensureTemporalCli() });
  }
  if (target === 'test-server' || target === 'all') {
    writePaths({ testServer: await ensureTestServer() });
  }
  const paths = readPaths();
  log(`Wrote ${path.relative(ROOT, PATHS_FILE)}: temporalCli=${paths.temporalCli ?? 'null'}, testServer=${paths.testServer ?? 'null'}`);
}

main().catch((error) => {
  if (error instanceof BuildError) {
    console.error(`[bootstrap] ERROR: ${error.message}`);
  } else {
    console.error('[bootstrap] ERROR:', error);
  }
  process.exit(1);
});
