import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { en } from '../../../web/src/i18n/en';
import { zh } from '../../../web/src/i18n/zh';
import { fieldErrorsOf, problemText, retryAfterSeconds, toProblem } from '../../../web/src/lib/problems';

// The API's error answers, turned into what the page shows: field errors beside fields,
// and one sentence for the rest.

const body = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details ? { details } : {}) } });

describe('field errors from a 400', () => {
  it('places data paths in the form’s error tree, array indexes included', () => {
    const { fieldErrors, otherErrors } = fieldErrorsOf([
      { path: 'data.reasons', message: 'at least one reason is needed' },
      { path: 'data.batches.1.quantity', message: 'Too small: expected number to be >0' },
      { path: 'data.batches.1.quantity', message: 'second message' },
      { path: 'data', message: 'Unrecognized key: "extra"' },
      { path: 'outcome', message: 'not an allowed outcome' },
      { nonsense: true },
    ]);
    expect(fieldErrors).toEqual({
      __errors: ['Unrecognized key: "extra"'],
      reasons: { __errors: ['at least one reason is needed'] },
      batches: { 1: { quantity: { __errors: ['Too small: expected number to be >0', 'second message'] } } },
    });
    expect(otherErrors).toEqual(['outcome: not an allowed outcome']);
  });

  it('reads the body of a create under `body.`', () => {
    const p = toProblem(400, body('VALIDATION_FAILED', 'bad', [{ path: 'body.items.0.sku', message: 'Too small' }]), null, 'body');
    expect(p.fieldErrors).toEqual({ items: { 0: { sku: { __errors: ['Too small'] } } } });
  });
});

describe('problems', () => {
  it('maps each status the API answers', () => {
    expect(toProblem(400, body('VALIDATION_FAILED', 'x')).kind).toBe('validation');
    expect(toProblem(401, body('UNAUTHENTICATED', 'x')).kind).toBe('unauthenticated');
    expect(toProblem(403, body('FORBIDDEN', 'x')).kind).toBe('forbidden');
    expect(toProblem(404, body('NOT_FOUND', 'x')).kind).toBe('notFound');
    expect(toProblem(409, body('TASK_NOT_OPEN', 'x')).code).toBe('TASK_NOT_OPEN');
    expect(toProblem(500, null)).toMatchObject({ kind: 'other', code: 'HTTP_500', message: 'HTTP 500' });
  });

  it('reads Retry-After as seconds or as a date, and assumes 5 s when a 503 has none', () => {
    expect(toProblem(503, body('ENGINE_UNAVAILABLE', 'x'), '7').retryAfterSeconds).toBe(7);
    expect(toProblem(503, body('ENGINE_UNAVAILABLE', 'x'), null).retryAfterSeconds).toBe(5);
    const now = new Date('2026-11-25T02:00:00Z');
    expect(retryAfterSeconds('Wed, 25 Nov 2026 02:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(toProblem(409, body('TASK_NOT_OPEN', 'x'), '7').retryAfterSeconds).toBeUndefined();
  });

  it('words a 409 on a task as someone else having completed it, in both languages', async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
    const t = i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
    const taken = toProblem(409, body('TASK_NOT_OPEN', 'task is COMPLETED'));
    expect(problemText(taken, t, 'task')).toBe('该任务已由他人完成，正在返回待办…');
    expect(problemText(toProblem(409, body('ORDER_NOT_ACTIVE', 'the order is finished')), t, 'task')).toBe(
      '操作已不适用：the order is finished',
    );
    expect(problemText(toProblem(503, body('ENGINE_UNAVAILABLE', 'x'), '12'), t)).toContain('12 秒后重试');
    await i18n.changeLanguage('en');
    expect(problemText(taken, t, 'task')).toBe('Someone else has already completed this task. Back to the inbox…');
  });
});
