// @ts-check
// Whether a build output is older than the sources it was made from, by modification time:
// `npm start` rebuilds only what changed and otherwise starts at once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest modification time under a file or folder (0 when it does not exist).
 * @param {string} path
 * @returns {number}
 */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

/**
 * True when every output exists and none is older than the newest source.
 * @param {string[]} outputs
 * @param {string[]} sources
 */
export function isFresh(outputs, sources) {
  if (!outputs.every((file) => existsSync(file))) return false;
  const builtAt = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return builtAt >= Math.max(...sources.map(newest));
}
