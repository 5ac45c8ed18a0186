import { describe, expect, it } from 'vitest';
import { actors } from '../helpers/fixtures';
import { requests, useOfflineApp } from '../helpers/api';

// What every caller meets before any order: authentication, the public endpoints, and the
// deadline calculator. Nothing here needs the engine.

const bed = useOfflineApp();
const get: ReturnType<typeof requests>['get'] = (...args) => requests(bed.app).get(...args);

describe('authentication', () => {
  it('refuses a missing or invalid bearer token with 401 in the error shape', async () => {
    const missing = await get('/orders');
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'missing bearer token (Authorization: Bearer <JWT>)' },
    });
    const bad = await bed.app.inject({ method: 'GET', url: '/orders', headers: { authorization: 'Bearer not-a-jwt' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'invalid or expired token' } });
  });

  it('serves liveness, metrics and the OpenAPI document without a token', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/metrics')).body).toContain('http_request_duration_seconds');
    const doc = (await get('/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/{orderNo}', '/tasks/{id}/complete', '/tasks/{id}/unclaim', '/calendar/due']),
    );
  });
});

describe('calendar', () => {
  it('computes working-day and hour deadlines on the PRC calendar', async () => {
    const a = await get('/calendar/due?start=2025-09-30T10:00:00%2B08:00&workingDays=2', actors.sales);
    expect(a.json().dueAt).toBe('2025-10-10T10:00:00.000Z');
    const b = await get('/calendar/due?start=2026-02-13T15:00:00%2B08:00&workingDays=2', actors.sales);
    expect(b.json().dueAt).toBe('2026-02-24T10:00:00.000Z');
    const c = await get('/calendar/due?start=2026-02-13T15:00:00%2B08:00&hours=4', actors.sales);
    expect(c.json()).toMatchObject({ dueAt: '2026-02-13T11:00:00.000Z', hours: 4, counting: 'clock', timeZone: 'Asia/Shanghai' });
    expect((await get('/calendar/due?start=yesterday&workingDays=2', actors.sales)).statusCode).toBe(400);
    const neither = await get('/calendar/due?start=2026-02-13T15:00:00Z', actors.sales);
    expect(neither.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'give exactly one of workingDays or hours' } });
    expect((await get('/calendar/due?start=2026-02-13T15:00:00Z&workingDays=-1', actors.sales)).statusCode).toBe(400);
  });
});
