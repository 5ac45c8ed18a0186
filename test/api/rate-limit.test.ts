import { describe, expect, it } from 'vitest';
import { actors } from '../helpers/fixtures';
import { bearer, useOfflineApp } from '../helpers/api';

// Limits per token holder and per client address, from the configuration.

const bed = useOfflineApp({ rateLimit: { perIp: 6, perToken: 3, windowMs: 60_000 } });
const get = (actor?: typeof actors.sales) => bed.app.inject({ method: 'GET', url: '/orders', headers: actor ? bearer(actor) : {} });

describe('rate limits', () => {
  it('answer 429 in the error shape with Retry-After: per token first, then per address', async () => {
    for (let i = 0; i < 3; i++) expect((await get(actors.sales)).statusCode).toBe(200);
    const perToken = await get(actors.sales);
    expect(perToken.statusCode).toBe(429);
    expect(perToken.json()).toEqual({ error: { code: 'RATE_LIMITED', message: 'too many requests from this token; retry in 1 minute' } });
    expect(Number(perToken.headers['retry-after'])).toBeGreaterThan(0);

    // Another token from the same address still gets through, until the address is spent;
    // requests without a valid token count against the address too.
    expect((await get(actors.auditor)).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(401);
    const perAddress = await get(actors.production);
    expect(perAddress.statusCode).toBe(429);
    expect(perAddress.json().error).toEqual({ code: 'RATE_LIMITED', message: 'too many requests from this address; retry in 1 minute' });
  });
});
