// @ts-check
// Long builds (go install, Maven) with their output in a log file and a heartbeat on the console.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BuildError, formatDuration, log, ROOT } from './common.mjs';

/** @typedef {{ code: number | null, error: Error | null, timedOut: boolean, elapsedMs: number }} RunResult */

/**
 * @param {string} file
 * @param {number} [lines]
 */
export function tailOfFile(file, lines = 40) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .replace(/\x1b\[[0-9;]*m/g, '') // Maven colours its output even in batch mode
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs a long command with its output going to a log file, printing a
 * heartbeat line every 30 s so CI logs show progress.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, cwd?: string, logFile: string, timeoutMs: number, what: string }} opts
 * @returns {Promise<RunResult>}
 */
export function runLogged(command, args, { env, cwd = ROOT, logFile, timeoutMs, what }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'w');
  const started = Date.now();
  return new Promise((resolve) => {
    let timedOut = false;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
    const heartbeat = setInterval(() => {
      log(`  ... still ${what} (${formatDuration(Date.now() - started)} elapsed, log: ${path.relative(ROOT, logFile)})`);
    }, 30_000);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutMs);
    /** @param {number | null} code @param {Error | null} error */
    const finish = (code, error) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      fs.closeSync(fd);
      resolve({ code, error, timedOut, elapsedMs: Date.now() - started });
    };
    child.once('error', (error) => finish(null, error));
    child.once('exit', (code, signal) => finish(code ?? (signal ? 128 : 1), null));
  });
}

/**
 * Shows the end of the log and throws why the build failed.
 * @param {string} what
 * @param {RunResult} result
 * @param {string} logFile
 * @returns {never}
 */
export function failBuild(what, result, logFile) {
  const tail = tailOfFile(logFile);
  if (tail) console.error(`${tail}\n`);
  const reason = result.error
    ? result.error.message
    : result.timedOut
      ? `timed out after ${formatDuration(result.elapsedMs)}`
      : `exit code ${result.code}`;
  throw new BuildError(`${what} failed (${reason}); full log: ${path.relative(ROOT, logFile)}`);
}
