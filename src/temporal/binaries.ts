import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { projectRoot } from '../lib/project-root';

// Paths found or built by scripts/bootstrap.mjs. Where it found nothing, the SDK's own
// cached download serves, on machines that can download.

const pathsFile = resolve(projectRoot, '.tools/paths.json');

function resolved(envVar: string, key: 'temporalCli' | 'testServer'): string | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (!existsSync(pathsFile)) return undefined;
  const paths = JSON.parse(readFileSync(pathsFile, 'utf8')) as Record<string, string | null>;
  const path = paths[key];
  return path && existsSync(path) ? path : undefined;
}

const executable = (path: string | undefined): EphemeralServerExecutable =>
  path ? { type: 'existing-path', path } : { type: 'cached-download' };

export const devServerExecutable = (): EphemeralServerExecutable => executable(resolved('TEMPORAL_CLI_PATH', 'temporalCli'));
export const testServerExecutable = (): EphemeralServerExecutable => executable(resolved('TEMPORAL_TEST_SERVER_PATH', 'testServer'));
