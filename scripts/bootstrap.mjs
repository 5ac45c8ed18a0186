#!/usr/bin/env node
// Makes sure the Temporal binaries used for local development and tests exist,
// and records their absolute paths in .tools/paths.json:
//
//   { "temporalCli": "/abs/path" | null, "testServer": "/abs/path" | null }
//
// null means "not available locally": the Temporal SDK then downloads the
// binary itself on first use.
//
// Usage: node scripts/bootstrap.mjs [dev-server|test-server|all]   (default: all)
//
// Temporal CLI (dev server), first match wins:
//   $TEMPORAL_CLI_PATH -> `temporal` on PATH -> .tools/bin/temporal
//   -> `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (needs Go >= 1.25)
// Time-skipping test server, first match wins:
//   $TEMPORAL_TEST_SERVER_PATH -> .tools/temporal-test-server/temporal-test-server
//   -> resolve io.temporal:temporal-test-server with Maven (scripts/test-server/pom.xml)
//
// Only built-in Node modules are used, so this runs before `npm ci`.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS_DIR = path.join(ROOT, '.tools');
const TOOLS_BIN = path.join(TOOLS_DIR, 'bin');
const LOG_DIR = path.join(TOOLS_DIR, 'logs');
const PATHS_FILE = path.join(TOOLS_DIR, 'paths.json');

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// Later tags carry a `replace` directive in go.mod, which `go install pkg@version` rejects.
const CLI_VERSION = 'v1.5.1';
const MIN_GO = [1, 25];
const GO_BUILD_TIMEOUT_MS = 45 * 60_000;

const TEST_SERVER_POM = path.join(ROOT, 'scripts', 'test-server', 'pom.xml');
const TEST_SERVER_DIR = path.join(TOOLS_DIR, 'temporal-test-server');
const TEST_SERVER_WRAPPER = path.join(TEST_SERVER_DIR, 'temporal-test-server');
const TEST_SERVER_CLASSPATH = path.join(TEST_SERVER_DIR, 'classpath.txt');
const TEST_SERVER_POM_HASH = path.join(TEST_SERVER_DIR, 'pom.sha256');
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
const MAVEN_TIMEOUT_MS = 20 * 60_000;
const TEST_SERVER_START_TIMEOUT_MS = 60_000;

class BuildError extends Error {}

function log(message) {
  console.log(`[bootstrap] ${message}`);
}

function warn(message) {
  console.warn(`[bootstrap] WARNING: ${message}`);
}

// ---------------------------------------------------------------------------
// helpers

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function readPaths() {
  try {
    const parsed = JSON.parse(fs.readFileSync(PATHS_FILE, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // missing or unreadable: start fresh
  }
  return {};
}

function writeFileAtomic(file, content, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  if (mode !== undefined) fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

function writePaths(update) {
  const merged = {
    temporalCli: null,
    testServer: null,
    ...readPaths(),
    ...update,
  };
  writeFileAtomic(PATHS_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function tailOfFile(file, lines = 40) {
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
 */
function runLogged(command, args, { env, cwd = ROOT, logFile, timeoutMs, what }) {
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

function failBuild(what, result, logFile) {
  const tail = tailOfFile(logFile);
  if (tail) console.error(`${tail}\n`);
  const reason = result.error
    ? result.error.message
    : result.timedOut
      ? `timed out after ${formatDuration(result.elapsedMs)}`
      : `exit code ${result.code}`;
  throw new BuildError(`${what} failed (${reason}); full log: ${path.relative(ROOT, logFile)}`);
}

// ---------------------------------------------------------------------------
// Temporal CLI (dev server)

function cliVersion(file) {
  const res = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) return null;
  return (res.stdout || res.stderr || '').trim().split('\n')[0] || 'unknown version';
}

function goVersion(goBin) {
  const res = spawnSync(goBin, ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) return null;
  const match = /go(\d+)\.(\d+)/.exec(res.stdout);
  return match ? { major: Number(match[1]), minor: Number(match[2]), text: res.stdout.trim() } : null;
}

function findGo() {
  const onPath = findOnPath('go');
  if (onPath) return onPath;
  for (const candidate of [process.env.GOROOT && path.join(process.env.GOROOT, 'bin', 'go'), '/usr/local/go/bin/go']) {
    if (candidate && isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function acceptCli(file, source) {
  const version = cliVersion(file);
  if (!version) {
    warn(`${source} ${file} does not run (\`temporal --version\` failed); ignoring it`);
    return null;
  }
  log(`Temporal CLI: ${file} (${source}; ${version})`);
  return file;
}

async function ensureTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    const abs = path.resolve(ROOT, fromEnv);
    if (isExecutableFile(abs)) {
      const ok = acceptCli(abs, 'TEMPORAL_CLI_PATH');
      if (ok) return ok;
    } else {
      warn(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file; ignoring it`);
    }
  }

  const onPath = findOnPath('temporal');
  if (onPath) {
    const ok = acceptCli(onPath, 'found on PATH');
    if (ok) return ok;
  }

  const local = path.join(TOOLS_BIN, 'temporal');
  if (isExecutableFile(local)) {
    const ok = acceptCli(local, 'previously built');
    if (ok) return ok;
  }

  const goBin = findGo();
  const go = goBin && goVersion(goBin);
  const goOk = go && (go.major > MIN_GO[0] || (go.major === MIN_GO[0] && go.minor >= MIN_GO[1]));
  if (!goOk) {
    log(
      go
        ? `Temporal CLI not found and ${go.text} is older than go${MIN_GO.join('.')}; cannot build it.`
        : 'Temporal CLI not found and Go is not installed; cannot build it.',
    );
    log('The Temporal SDK will download the dev server itself on first use (needs internet access).');
    return null;
  }

  const logFile = path.join(LOG_DIR, 'go-install-temporal.log');
  log(`Building Temporal CLI ${CLI_VERSION} with ${go.text} into ${path.relative(ROOT, TOOLS_BIN)}/`);
  log('  A first build downloads and compiles a lot of Go code and takes several minutes; later runs reuse it.');
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  // Stamp the version the way release builds do (otherwise it reports 0.0.0-DEV).
  const ldflags = `-ldflags=-X github.com/temporalio/cli/temporalcli.Version=${CLI_VERSION.replace(/^v/, '')}`;
  const result = await runLogged(goBin, ['install', ldflags, `${CLI_MODULE}@${CLI_VERSION}`], {
    env: { ...process.env, GOBIN: TOOLS_BIN },
    logFile,
    timeoutMs: GO_BUILD_TIMEOUT_MS,
    what: 'building the Temporal CLI',
  });
  if (result.code !== 0 || !isExecutableFile(local)) failBuild('Building the Temporal CLI', result, logFile);
  log(`  built in ${formatDuration(result.elapsedMs)}`);
  const version = cliVersion(local);
  if (!version) throw new BuildError(`the freshly built ${local} does not run (\`temporal --version\` failed)`);
  log(`Temporal CLI: ${local} (built; ${version})`);
  return local;
}

// ---------------------------------------------------------------------------
// Time-skipping test server (Java)

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function cachedTestServerIsUsable() {
  if (!isExecutableFile(TEST_SERVER_WRAPPER)) return false;
  let entries;
  try {
    entries = fs.readFileSync(TEST_SERVER_CLASSPATH, 'utf8').trim().split(path.delimiter).filter(Boolean);
  } catch {
    return false;
  }
  if (entries.length === 0) return false;
  const missing = entries.find((entry) => !fs.existsSync(entry));
  if (missing) {
    log(`Cached test server classpath refers to a missing file (${missing}); resolving it again.`);
    return false;
  }
  try {
    if (fs.readFileSync(TEST_SERVER_POM_HASH, 'utf8').trim() !== sha256(TEST_SERVER_POM)) {
      log('scripts/test-server/pom.xml changed since the last build; resolving the test server again.');
      return false;
    }
  } catch {
    // no recorded hash (or no pom): keep the existing launcher
  }
  return true;
}

function wrapperScript(javaBin) {
  return `#!/usr/bin/env bash
# Launcher for the Temporal time-skipping test server, written by scripts/bootstrap.mjs.
# Usage: temporal-test-server <port> [--enable-time-skipping]
set -euo pipefail
dir="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
java=${JSON.stringify(javaBin)}
if [ ! -x "$java" ]; then java=java; fi
# Serial GC and C1-only JIT: quicker start-up; the SDK only waits about 5 s for the port.
exec "$java" \${TEMPORAL_TEST_SERVER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m} \\
  -cp "$(cat "$dir/classpath.txt")" ${TEST_SERVER_MAIN} "$@"
`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function smokeTestTestServer(executable) {
  const port = await freePort();
  const started = Date.now();
  let output = '';
  let exited = null;
  const child = spawn(executable, [String(port), '--enable-time-skipping'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.once('exit', (code, signal) => (exited = { code, signal }));
  child.once('error', (error) => (exited = { error }));
  try {
    while (Date.now() - started < TEST_SERVER_START_TIMEOUT_MS) {
      if (exited) break;
      if (await canConnect(port)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(killTimer);
    }
  }
  if (output.trim()) console.error(output.trim().split('\n').slice(-20).join('\n'));
  const why = exited
    ? exited.error
      ? exited.error.message
      : `it exited early (code ${exited.code}, signal ${exited.signal})`
    : `port ${port} did not accept connections within ${formatDuration(TEST_SERVER_START_TIMEOUT_MS)}`;
  throw new BuildError(`the test server does not start: ${why}`);
}

async function ensureTestServer() {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    const abs = path.resolve(ROOT, fromEnv);
    if (isExecutableFile(abs)) {
      log(`Test server: ${abs} (TEMPORAL_TEST_SERVER_PATH)`);
      return abs;
    }
    warn(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file; ignoring it`);
  }

  if (cachedTestServerIsUsable()) {
    log(`Test server: ${TEST_SERVER_WRAPPER} (previously built)`);
    return TEST_SERVER_WRAPPER;
  }

  const java = findOnPath('java');
  const mvn = findOnPath('mvn');
  if (!java || !mvn) {
    const missing = [!java && 'java', !mvn && 'mvn'].filter(Boolean).join(' and ');
    log(`Test server not built: ${missing} not found on PATH.`);
    log('The Temporal SDK will download the time-skipping test server itself on first use (needs internet access).');
    return null;
  }

  const logFile = path.join(LOG_DIR, 'maven-test-server.log');
  const classpathTmp = `${TEST_SERVER_CLASSPATH}.${process.pid}.tmp`;
  log(`Resolving the Temporal time-skipping test server with Maven (${path.relative(ROOT, TEST_SERVER_POM)})`);
  log('  A first run downloads about 40 MB of jars from Maven Central and can take a few minutes.');
  fs.mkdirSync(TEST_SERVER_DIR, { recursive: true });
  const result = await runLogged(
    mvn,
    ['-q', '-B', '-Dstyle.color=never', '-f', TEST_SERVER_POM, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathTmp}`],
    { env: process.env, logFile, timeoutMs: MAVEN_TIMEOUT_MS, what: 'resolving the test server' },
  );
  if (result.code !== 0 || !fs.existsSync(classpathTmp)) {
    fs.rmSync(classpathTmp, { force: true });
    failBuild('Resolving the test server with Maven', result, logFile);
  }
  fs.renameSync(classpathTmp, TEST_SERVER_CLASSPATH);
  log(`  resolved in ${formatDuration(result.elapsedMs)}`);

  // Write the launcher under a temporary name, check that it starts, then publish it.
  const wrapperTmp = `${TEST_SERVER_WRAPPER}.${process.pid}.tmp`;
  writeFileAtomic(wrapperTmp, wrapperScript(fs.realpathSync(java)), 0o755);
  try {
    log('  checking that the test server starts ...');
    const startupMs = await smokeTestTestServer(wrapperTmp);
    log(`  test server accepted connections after ${formatDuration(startupMs)}`);
  } catch (error) {
    fs.rmSync(wrapperTmp, { force: true });
    throw error;
  }
  fs.renameSync(wrapperTmp, TEST_SERVER_WRAPPER);
  writeFileAtomic(TEST_SERVER_POM_HASH, `${sha256(TEST_SERVER_POM)}\n`);
  log(`Test server: ${TEST_SERVER_WRAPPER} (built)`);
  return TEST_SERVER_WRAPPER;
}

// ---------------------------------------------------------------------------

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
