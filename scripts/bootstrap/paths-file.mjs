// @ts-check
// .tools/paths.json: where the binaries are, read by src/temporal/binaries.ts.
//   { "temporalCli": "/abs/path" | null, "testServer": "/abs/path" | null }
// null means "not available locally": the Temporal SDK then downloads the binary itself.
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR, writeFileAtomic } from './common.mjs';

export const PATHS_FILE = path.join(TOOLS_DIR, 'paths.json');

/** @typedef {{ temporalCli?: string | null, testServer?: string | null }} ToolPaths */

/** @returns {ToolPaths} */
export function readPaths() {
  try {
    const parsed = JSON.parse(fs.readFileSync(PATHS_FILE, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // missing or unreadable: start fresh
  }
  return {};
}

/**
 * @param {ToolPaths} update
 * @returns {ToolPaths}
 */
export function writePaths(update) {
  const merged = {
    temporalCli: null,
    testServer: null,
    ...readPaths(),
    ...update,
  };
  writeFileAtomic(PATHS_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
