// @ts-check
// The Java time-skipping test server, first match wins:
//   $TEMPORAL_TEST_SERVER_PATH -> .tools/temporal-test-server/temporal-test-server
//   -> resolve io.temporal:temporal-test-server with Maven (scripts/test-server/pom.xml)
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath, formatDuration, isExecutableFile, LOG_DIR, log, ROOT, sha256, TOOLS_DIR, warn, writeFileAtomic } from './common.mjs';
import { failBuild, runLogged } from './run-logged.mjs';
import { smokeTestTestServer } from './test-server-smoke.mjs';

const TEST_SERVER_POM = path.join(ROOT, 'scripts', 'test-server', 'pom.xml');
const TEST_SERVER_DIR = path.join(TOOLS_DIR, 'temporal-test-server');
const TEST_SERVER_WRAPPER = path.join(TEST_SERVER_DIR, 'temporal-test-server');
const TEST_SERVER_CLASSPATH = path.join(TEST_SERVER_DIR, 'classpath.txt');
const TEST_SERVER_POM_HASH = path.join(TEST_SERVER_DIR, 'pom.sha256');
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
const MAVEN_TIMEOUT_MS = 20 * 60_000;

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

/** @param {string} javaBin */
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

/** @param {string} mvn */
async function resolveClasspath(mvn) {
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
}

/**
 * Writes the launcher under a temporary name, checks that it starts, then publishes it.
 * @param {string} java
 */
async function publishLauncher(java) {
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
}

/** @returns {Promise<string | null>} the launcher's path, or null for the SDK's own download */
export async function ensureTestServer() {
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

  await resolveClasspath(mvn);
  await publishLauncher(java);
  log(`Test server: ${TEST_SERVER_WRAPPER} (built)`);
  return TEST_SERVER_WRAPPER;
}
