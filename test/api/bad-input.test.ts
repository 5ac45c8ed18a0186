import { describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema';
import { actors, sampleOrder } from '../helpers/fixtures';
import { bearer, requests, useOfflineApp } from '../helpers/api';

// Bad input of every shape gets a 400 (or 414/415/431) in the error shape and changes
// nothing; none of these may reach the engine or the database.

const bed = useOfflineApp();
const get = (url: string) => requests(bed.app).get(url, actors.auditor);
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const unstorable = (path: string) => ({
  code: 'VALIDATION_FAILED',
  message: `${path} contains a NUL byte or a lone surrogate, which cannot be stored`,
  details: [{ path, message: 'contains a NUL byte or a lone surrogate' }],
});

describe('strings that cannot be stored', () => {
  it('refuses a NUL byte in the path, the query, a header or the body, and a lone surrogate in the body', async () => {
    expect((await get('/orders/SO-1%00')).json().error).toEqual(unstorable('params.orderNo'));
    expect((await get('/tasks?orderNo=SO%00')).json().error).toEqual(unstorable('querystring.orderNo'));
    const post = (payload: string, headers: Record<string, string> = {}) =>
      bed.app.inject({
        method: 'POST',
        url: '/orders',
        headers: { ...bearer(actors.sales), 'content-type': 'application/json', ...headers },
        payload,
      });
    const order = JSON.stringify(sampleOrder());
    const withDescription = (escaped: string) => order.replace('"Ball valve"', `"Ball${escaped}valve"`);
    for (const [what, payload, path] of [
      ['NUL', withDescription('\\u0000'), 'body.items.0.description'],
      ['lone high surrogate', withDescription('\\ud800'), 'body.items.0.description'],
      ['lone low surrogate', withDescription('\\udc00'), 'body.items.0.description'],
      ['NUL in a key', order.replace('"currency"', '"cur\\u0000rency"'), 'body (a key)'],
    ]) {
      const res = await post(payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error, what).toEqual(unstorable(path));
    }
    const header = await post(order, { 'idempotency-key': 'key\u0000' });
    expect(header.json().error).toEqual(unstorable('headers.idempotency-key'));
    expect(await bed.database.db.select().from(orders)).toEqual([]);
  });
});

describe('values out of range', () => {
  it('answers 400 for months no calendar can place', async () => {
    for (const month of ['0000-01', '0001-01', '9999-12', '1969-12', '3000-01']) {
      const res = await get(`/kpis/urgent?month=${month}`);
      expect(res.statusCode, month).toBe(400);
      expect(res.json().error.message, month).toContain('expected YYYY-MM between 1970-01 and 2999-12');
    }
    expect((await get('/kpis/urgent?month=2999-12')).statusCode).toBe(200);
  });

  it('answers 400 for well-formed cursors holding values no page could end at', async () => {
    for (const key of [
      ['+275760-09-13T00:00:00.000Z', 'SO-1'],
      ['0000-01-01T00:00:00.000Z', 'SO-1'],
      ['2026-01-01T00:00:00.000Z', 'SO-\u0000'],
      ['2026-01-01T00:00:00.000Z', 'x'.repeat(501)],
      ['2026-01-01T00:00:00.000Z'],
      [1, 2],
    ]) {
      const res = await get(`/orders?cursor=${cursor(key)}`);
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
      expect(res.json().error.message).toBe('cursor is not one this API issued');
    }
    for (const key of [
      [2 ** 31, '2026-01-01T00:00:00.000Z', 'id'],
      [1.5, '2026-01-01T00:00:00.000Z', 'id'],
    ]) {
      expect((await get(`/tasks?cursor=${cursor(key)}`)).statusCode, JSON.stringify(key)).toBe(400);
    }
    expect((await get(`/tasks?cursor=${cursor([1, '2026-01-01T00:00:00.000Z', 'id'])}`)).statusCode).toBe(200);
  });

  it('answers 400 for dates and instants beyond the years the calendar serves', async () => {
    expect((await get('/calendar/due?start=0000-01-01T00:00:00Z&workingDays=365')).statusCode).toBe(400);
    expect((await get('/calendar/due?start=9999-12-31T00:00:00Z&workingDays=365')).statusCode).toBe(400);
    const res = await requests(bed.app).post('/orders', actors.sales, sampleOrder({ requestedDeliveryDate: '9999-12-31' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('expected a date between 1970-01-01 and 2999-12-31');
  });
});

describe('malformed requests', () => {
  it('names bad JSON and unsupported media types with stable codes', async () => {
    const send = (payload: string, type: string) =>
      bed.app.inject({ method: 'POST', url: '/orders', headers: { ...bearer(actors.sales), 'content-type': type }, payload });
    expect((await send('{"customer": ', 'application/json')).json()).toEqual({
      error: { code: 'INVALID_JSON', message: "Body is not valid JSON but content-type is set to 'application/json'" },
    });
    const xml = await send('<order/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an over-long path parameter with 414, and over-large headers with 431, in the error shape', async () => {
    await bed.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = bed.app.server.address() as { port: number };
    const longId = await fetch(`http://127.0.0.1:${port}/tasks/${'x'.repeat(400)}`, { headers: bearer(actors.auditor) });
    expect(longId.status).toBe(414);
    expect(await longId.json()).toEqual({
      error: { code: 'URI_TOO_LONG', message: 'a path parameter is longer than any this API accepts' },
    });
    const bigHeaders = await fetch(`http://127.0.0.1:${port}/orders`, {
      headers: { ...bearer(actors.auditor), 'x-padding': 'y'.repeat(20_000) },
    });
    expect(bigHeaders.status).toBe(431);
    expect(await bigHeaders.json()).toEqual({
      error: { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers exceed the size this API accepts' },
    });
    const badUrl = await fetch(`http://127.0.0.1:${port}/orders/%E0%A4%A`, { headers: bearer(actors.auditor) });
    expect(badUrl.status).toBe(400);
    expect(((await badUrl.json()) as { error: { code: string } }).error.code).toBe('BAD_URL');
  });
});
