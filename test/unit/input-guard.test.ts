import { describe, expect, it } from 'vitest';
import { firstUnstorable } from '../../src/api/plugins/input-guard';

describe('firstUnstorable', () => {
  it('finds a NUL byte or a lone surrogate anywhere in a value, keys included', () => {
    expect(firstUnstorable({ a: [{ b: 'x\u0000' }] }, 'body')).toBe('body.a.0.b');
    expect(firstUnstorable({ a: 'ok', b: '\ud800' }, 'body')).toBe('body.b');
    expect(firstUnstorable({ a: 'trailing low \udc00' }, 'body')).toBe('body.a');
    expect(firstUnstorable({ ['k\u0000']: 1 }, 'body')).toBe('body (a key)');
  });

  it('passes text any storage can hold: surrogate pairs, CJK, control characters other than NUL', () => {
    expect(firstUnstorable({ a: '😀 emoji', b: '全检 零缺陷', c: 'tab\tnew\nline\u0001', d: [1, true, null] }, 'body')).toBeUndefined();
  });

  it('walks deeply nested bodies without exhausting the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(firstUnstorable(deep, 'body')?.startsWith('body.0.0.0')).toBe(true);
  });
});
