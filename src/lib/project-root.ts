import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The sources (src/…) and the compiled bundles (dist/…) sit at different depths; both find
// the migrations, the built web page and the workflow bundle from the project's root, the
// nearest folder above them with a package.json.

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json')) && existsSync(resolve(dir, 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root (package.json beside migrations/) above ${from}`);
  }
}

const here = fileURLToPath(import.meta.url);

export const projectRoot = findRoot(dirname(here));

/** True when this process runs the compiled bundles of `npm run build`, not the TypeScript sources. */
export const runsCompiled = here.endsWith('.js');
