// @ts-check
// Starts a freshly written test-server launcher once and waits for its port: a launcher
// is published only when it works.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { BuildError, formatDuration } from './common.mjs';

const TEST_SERVER_START_TIMEOUT_MS = 60_000;

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    /** @param {boolean} ok */
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * @param {string} executable
 * @returns {Promise<number>} how long it took to accept connections, in ms
 */
export async function smokeTestTestServer(executable) {
  const port = await freePort();
  const started = Date.now();
  let output = '';
  // Set from the child's events; an object, so that the checks below see it change.
  /** @type {{ exited: { code?: number | null, signal?: NodeJS.Signals | null, error?: Error } | null }} */
  const state = { exited: null };
  const child = spawn(executable, [String(port), '--enable-time-skipping'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.once('exit', (code, signal) => (state.exited = { code, signal }));
  child.once('error', (error) => (state.exited = { error }));
  try {
    while (Date.now() - started < TEST_SERVER_START_TIMEOUT_MS) {
      if (state.exited) break;
      if (await canConnect(port)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    if (!state.exited) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(killTimer);
    }
  }
  if (output.trim()) console.error(output.trim().split('\n').slice(-20).join('\n'));
  const end = state.exited;
  const why = end
    ? end.error
      ? end.error.message
      : `it exited early (code ${end.code}, signal ${end.signal})`
    : `port ${port} did not accept connections within ${formatDuration(TEST_SERVER_START_TIMEOUT_MS)}`;
  throw new BuildError(`the test server does not start: ${why}`);
}
