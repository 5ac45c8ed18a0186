import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSigner } from 'fast-jwt';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { buildApp } from '../../src/api/app';
import type { Database } from '../../src/db/client';
import { JWT_SECRET, offlineDeps } from '../helpers/api';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

// Tokens: HS256 from the service's secret, RS256 and ES256 from an identity provider whose
// JWKS a local HTTP server publishes. Every claim is checked and bounded.

const ISSUER = 'https://idp.example/realms/orders';
const AUDIENCE = 'order-bpm';
const identity = { sub: 'sally', name: 'Sally', departments: ['sales'], roles: ['staff'] };

let app: FastifyInstance;
let database: Database;
let jwksServer: Server;
let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
let ec: Awaited<ReturnType<typeof generateKeyPair>>;
let stranger: Awaited<ReturnType<typeof generateKeyPair>>;

const now = () => Math.floor(Date.now() / 1000);
const hs256 = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JWT_SECRET));

async function provider(
  alg: 'RS256' | 'ES256',
  claims: JWTPayload & Record<string, unknown>,
  opts: { kid?: string; key?: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] } = {},
): Promise<string> {
  const key = opts.key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey);
  return new SignJWT(claims).setProtectedHeader({ alg, kid: opts.kid ?? alg.toLowerCase() }).sign(key);
}

const providerClaims = (extra: Record<string, unknown> = {}) => ({
  ...identity,
  iss: ISSUER,
  aud: AUDIENCE,
  iat: now(),
  exp: now() + 600,
  ...extra,
});

const call = (token: string, method: 'GET' | 'POST' = 'GET', payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method,
    url: method === 'GET' ? '/orders' : '/orders',
    headers: { authorization: `Bearer ${token}`, ...headers },
    payload: payload as object,
  });

beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rs256', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'es256', alg: 'ES256', use: 'sig' },
  ];
  jwksServer = createServer((req, res) => {
    res.writeHead(req.url === '/realms/orders/certs' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/realms/orders/certs' ? { keys } : {}));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  const { port } = jwksServer.address() as { port: number };
  database = await createTestDatabase();
  app = await buildApp(
    offlineDeps(database, {
      jwks: { url: `http://127.0.0.1:${port}/realms/orders/certs`, issuer: ISSUER, audience: AUDIENCE },
      clockSkewSeconds: 60,
    }),
  );
});
afterAll(async () => {
  await app?.close();
  await app?.temporal.connection.close();
  await database?.close();
  await new Promise((r) => jwksServer?.close(r));
});

describe('HS256 tokens', () => {
  it('are accepted with an expiry, and refused without one or with one passed', async () => {
    expect((await call(await hs256({ ...identity, iat: now(), exp: now() + 60 }))).statusCode).toBe(200);
    for (const [claims, message] of [
      [{ ...identity, iat: now() }, 'the token has no expiry (exp)'],
      [{ ...identity, iat: now() - 7200, exp: now() - 3600 }, 'the token has expired'],
    ] as const) {
      const res = await call(await hs256(claims));
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'UNAUTHENTICATED', message });
    }
  });

  it('are refused when issued or valid only in the future beyond the clock skew', async () => {
    expect((await call(await hs256({ ...identity, iat: now() + 30, exp: now() + 600 }))).statusCode).toBe(200);
    const in2100 = Date.UTC(2100, 0, 1) / 1000;
    const issuedLater = await call(await hs256({ ...identity, iat: in2100, exp: in2100 + 600 }));
    expect(issuedLater.json().error.message).toBe('the token was issued in the future (iat)');
    const notYet = await call(await hs256({ ...identity, iat: now(), nbf: now() + 3600, exp: now() + 7200 }));
    expect(notYet.statusCode).toBe(401);
    expect(notYet.json().error.message).toBe('the token is not valid yet (nbf)');
  });

  it('are refused with an over-long claim or a department the policy does not have', async () => {
    const base = { iat: now(), exp: now() + 600 };
    const longSub = await call(await hs256({ ...identity, ...base, sub: 's'.repeat(9 * 1024) }), 'POST', sampleOrder(), {
      'idempotency-key': 'k1',
    });
    expect(longSub.statusCode).toBe(401);
    expect(longSub.json().error.message).toBe("the token's claims are not valid: sub");
    expect((await call(await hs256({ ...identity, ...base, name: 'n'.repeat(201) }))).statusCode).toBe(401);
    expect((await call(await hs256({ ...identity, ...base, departments: Array(33).fill('sales') }))).statusCode).toBe(401);
    expect((await call(await hs256({ ...identity, ...base, roles: ['god'] }))).statusCode).toBe(401);
    const pirates = await call(await hs256({ ...identity, ...base, departments: ['sales', 'pirates'] }));
    expect(pirates.json().error.message).toBe('the token names departments the policy does not have: pirates');
  });
});

describe("an identity provider's tokens (AUTH_JWKS_URL)", () => {
  it('are accepted in RS256 and ES256 when signed by a published key for this issuer and audience', async () => {
    expect((await call(await provider('RS256', providerClaims()))).statusCode).toBe(200);
    expect((await call(await provider('ES256', providerClaims({ aud: ['account', AUDIENCE] })))).statusCode).toBe(200);
  });

  it('are refused from another issuer, for another audience, by an unpublished key or an unknown key id', async () => {
    const refused = async (token: string, message = 'invalid or expired token') => {
      const res = await call(token);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe(message);
    };
    await refused(await provider('RS256', providerClaims({ iss: 'https://evil.example' })), 'the token is from another issuer');
    await refused(await provider('RS256', providerClaims({ aud: 'someone-else' })), 'the token is for another audience');
    await refused(await provider('RS256', providerClaims(), { key: stranger.privateKey }));
    await refused(await provider('RS256', providerClaims(), { kid: 'rotated-away' }));
    await refused(await provider('RS256', providerClaims({ exp: undefined })), 'the token has no expiry (exp)');
  });

  it('cannot be forged as HS256 with the public key as the secret', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const forged = createSigner({ key: pem, algorithm: 'HS256' })(providerClaims());
    expect((await call(forged)).statusCode).toBe(401);
  });
});
