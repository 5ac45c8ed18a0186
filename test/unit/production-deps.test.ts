import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

// The runtime image installs the dependencies only. Production code (src/, activities/,
// workflows/) may import a dev dependency only lazily (the dev server of `npm start`) or
// as a type; a static value import of one would crash the image at start.

const root = join(import.meta.dirname, '../..');
const dependencies = new Set(Object.keys(pkg.dependencies));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The package a specifier names: `@scope/name` or `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Static value imports of packages: `import x from 'p'`, `import { y } from 'p'`, `export … from 'p'`. */
function staticPackageImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^'.][^']*)'/gms)) found.push(m[1]);
  for (const m of code.matchAll(/^import\s+'([^'.][^']*)'/gm)) found.push(m[1]);
  return found.filter((s) => !s.startsWith('node:')).map(packageOf);
}

describe('production code', () => {
  it('imports only production dependencies at load time', () => {
    const offenders = ['src', 'activities', 'workflows'].flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) =>
        staticPackageImports(readFileSync(file, 'utf8'))
          .filter((p) => !dependencies.has(p))
          .map((p) => `${relative(root, file)} imports ${p}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a dev dependency imported statically', () => {
    expect(staticPackageImports("import { TestWorkflowEnvironment } from '@temporalio/testing';\n")).toEqual(['@temporalio/testing']);
    expect(staticPackageImports("import type { X } from '@temporalio/testing';\n")).toEqual([]);
    expect(staticPackageImports("const { T } = await import('@temporalio/testing');\n")).toEqual([]);
  });
});
