import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { projectRoot, runsCompiled } from '../lib/project-root';

// Where the workflow code comes from: the compiled service loads the bundle `npm run build`
// wrote; the sources (npm start, tests) bundle workflows/ when they start.

export const workflowsPath = resolve(projectRoot, 'workflows/index.ts');
export const prebuiltWorkflowBundle = resolve(projectRoot, 'dist/workflow-bundle.js');

export type WorkflowCode = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;

/** What a worker runs: the bundle given (tests share one), the prebuilt one when compiled, else the sources. */
export function workflowCode(given?: WorkerOptions['workflowBundle']): WorkflowCode {
  if (given) return { workflowBundle: given };
  if (runsCompiled) {
    if (!existsSync(prebuiltWorkflowBundle)) throw new Error(`${prebuiltWorkflowBundle} is missing: run npm run build`);
    return { workflowBundle: { codePath: prebuiltWorkflowBundle } };
  }
  return { workflowsPath };
}

let sourceBundle: Promise<NonNullable<WorkerOptions['workflowBundle']>> | undefined;

/** The code the worker runs, as a bundle a replayer can load; the sources are bundled once per process. */
export function workflowBundleForReplay(): Promise<NonNullable<WorkerOptions['workflowBundle']>> {
  const code = workflowCode();
  if (code.workflowBundle) return Promise.resolve(code.workflowBundle);
  sourceBundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  return sourceBundle;
}
