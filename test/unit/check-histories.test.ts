import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The replay corpus check: a recorded history may be added, never changed or removed.

function check(dir: string, ...args: string[]): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, ['scripts/check-histories.mjs', '--dir', dir, ...args], { stdio: 'pipe' });
    return { code: 0, output: out.toString() };
  } catch (err) {
    const e = err as { status: number; stderr: Buffer };
    return { code: e.status, output: e.stderr.toString() };
  }
}

describe('npm run check:histories', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'histories-'));
    writeFileSync(join(dir, 'lifecycle.v0.1.0.json'), '{"events":[1]}');
    expect(check(dir, '--add').code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on an untouched corpus', () => {
    expect(check(dir)).toEqual({ code: 0, output: 'replay corpus intact: every recorded history unchanged\n' });
  });

  it('fails when a recorded history is rewritten', () => {
    writeFileSync(join(dir, 'lifecycle.v0.1.0.json'), '{"events":[1,2]}');
    expect(check(dir)).toEqual({ code: 1, output: expect.stringContaining('lifecycle.v0.1.0.json: modified') as string });
  });

  it('fails when a recorded history is deleted', () => {
    unlinkSync(join(dir, 'lifecycle.v0.1.0.json'));
    expect(check(dir)).toEqual({ code: 1, output: expect.stringContaining('lifecycle.v0.1.0.json: deleted') as string });
  });

  it('fails on a history not in the manifest, until --add lists it without touching the others', () => {
    writeFileSync(join(dir, 'lifecycle.v0.2.0.json'), '{"events":[3]}');
    expect(check(dir)).toEqual({ code: 1, output: expect.stringContaining('lifecycle.v0.2.0.json: not in MANIFEST.sha256') as string });
    expect(check(dir, '--add').code).toBe(0);
    expect(check(dir).code).toBe(0);
    writeFileSync(join(dir, 'lifecycle.v0.1.0.json'), '{"events":[9]}');
    expect(check(dir, '--add').code).toBe(0);
    expect(check(dir).code).toBe(1);
  });
});
