// @ts-check
// What every part of the bootstrap shares: the folders, logging, and file helpers.
// Only built-in Node modules: the bootstrap runs before `npm install`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS_DIR = path.join(ROOT, '.tools');
export const TOOLS_BIN = path.join(TOOLS_DIR, 'bin');
export const LOG_DIR = path.join(TOOLS_DIR, 'logs');

/** A failure the bootstrap explains in one line (no stack trace). */
export class BuildError extends Error {}

/** @param {string} message */
export function log(message) {
  console.log(`[bootstrap] ${message}`);
}

/** @param {string} message */
export function warn(message) {
  console.warn(`[bootstrap] WARNING: ${message}`);
}

/** @param {string} file */
export function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string} name
 * @returns {string | null}
 */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Writes under a temporary name, then renames: readers never see half a file.
 * @param {string} file
 * @param {string} content
 * @param {number} [mode]
 */
export function writeFileAtomic(file, content, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  if (mode !== undefined) fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

/** @param {number} ms */
export function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** @param {string} file */
export function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
