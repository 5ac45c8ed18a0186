// @ts-check
// The Temporal CLI (its dev server serves `npm start` and the tests), first match wins:
//   $TEMPORAL_CLI_PATH -> `temporal` on PATH -> .tools/bin/temporal
//   -> `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (needs Go >= 1.25)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BuildError, findOnPath, formatDuration, isExecutableFile, LOG_DIR, log, ROOT, TOOLS_BIN, warn } from './common.mjs';
import { failBuild, runLogged } from './run-logged.mjs';

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// Later tags carry a `replace` directive in go.mod, which `go install pkg@version` rejects.
const CLI_VERSION = 'v1.5.1';
const MIN_GO = [1, 25];
const GO_BUILD_TIMEOUT_MS = 45 * 60_000;

/**
 * @param {string} file
 * @returns {string | null} the first line of `temporal --version`, or null when it does not run
 */
function cliVersion(file) {
  const res = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) return null;
  return (res.stdout || res.stderr || '').trim().split('\n')[0] || 'unknown version';
}

/**
 * @param {string} goBin
 * @returns {{ major: number, minor: number, text: string } | null}
 */
function goVersion(goBin) {
  const res = spawnSync(goBin, ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) return null;
  const match = /go(\d+)\.(\d+)/.exec(res.stdout);
  return match ? { major: Number(match[1]), minor: Number(match[2]), text: res.stdout.trim() } : null;
}

/** @returns {string | null} */
function findGo() {
  const onPath = findOnPath('go');
  if (onPath) return onPath;
  for (const candidate of [process.env.GOROOT && path.join(process.env.GOROOT, 'bin', 'go'), '/usr/local/go/bin/go']) {
    if (candidate && isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * @param {string} file
 * @param {string} source
 * @returns {string | null}
 */
function acceptCli(file, source) {
  const version = cliVersion(file);
  if (!version) {
    warn(`${source} ${file} does not run (\`temporal --version\` failed); ignoring it`);
    return null;
  }
  log(`Temporal CLI: ${file} (${source}; ${version})`);
  return file;
}

/** @returns {string | null} a CLI already on this machine */
function existingCli() {
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
  if (isExecutableFile(local)) return acceptCli(local, 'previously built');
  return null;
}

/**
 * Builds the CLI with Go into .tools/bin.
 * @param {string} goBin
 * @param {string} goText
 * @returns {Promise<string>}
 */
async function buildCli(goBin, goText) {
  const local = path.join(TOOLS_BIN, 'temporal');
  const logFile = path.join(LOG_DIR, 'go-install-temporal.log');
  log(`Building Temporal CLI ${CLI_VERSION} with ${goText} into ${path.relative(ROOT, TOOLS_BIN)}/`);
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

/** @returns {Promise<string | null>} the CLI's path, or null for the SDK's own download */
export async function ensureTemporalCli() {
  const existing = existingCli();
  if (existing) return existing;

  const goBin = findGo();
  const go = goBin && goVersion(goBin);
  const goOk = go && (go.major > MIN_GO[0] || (go.major === MIN_GO[0] && go.minor >= MIN_GO[1]));
  if (!goBin || !go || !goOk) {
    log(
      go
        ? `Temporal CLI not found and ${go.text} is older than go${MIN_GO.join('.')}; cannot build it.`
        : 'Temporal CLI not found and Go is not installed; cannot build it.',
    );
    log('The Temporal SDK will download the dev server itself on first use (needs internet access).');
    return null;
  }
  return buildCli(goBin, go.text);
}
