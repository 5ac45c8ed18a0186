import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createVerifier } from 'fast-jwt';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../../src/api/errors';
import auth from '../../../src/api/plugins/auth';
import web from '../../../src/api/plugins/web';
import { devActors } from '../../../src/auth/tokens';
import { DEV_JWT_SECRET } from '../../../src/config';

// The built page is served beside the API: API routes and /docs keep priority, a browser
// navigating anywhere else gets the page, and the dev sign-in picker exists only with the
// dev secret outside production.

let root: string;

async function appWith(jwtSecret: string, builtRoot = root): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(auth, { secret: jwtSecret, clockSkewSeconds: 60, departments: ['sales', 'production'] });
  app.get('/tasks', async () => ({ items: [] }));
  app.get('/docs/json', { config: { public: true } }, async () => ({ openapi: '3.0.3' }));
  await app.register(web, { jwtSecret, root: builtRoot });
  return app;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

afterEach(() => {
  delete process.env.NODE_ENV;
});

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the web plugin', () => {
  it('serves the page at / and its hashed assets for a year, without a token', async () => {
    const app = await appWith('x'.repeat(40));
    const page = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<title>page</title>');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/favicon.svg' })).body).toBe('<svg/>');
    await app.close();
  });

  it('answers a browser’s navigation to any page path with the page, and anything else with the API’s 404', async () => {
    const app = await appWith('x'.repeat(40));
    const deep = await app.inject({ method: 'GET', url: '/app/orders/SO-20261125-0001?tab=history', headers: html });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>page</title>');
    const json = await app.inject({ method: 'GET', url: '/app/orders/SO-1', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /app/orders/SO-1' } });
    const missingAsset = await app.inject({ method: 'GET', url: '/assets/gone.js' });
    expect(missingAsset.statusCode).toBe(404);
    const escape = await app.inject({ method: 'GET', url: '/assets/..%2F..%2F..%2Fetc%2Fpasswd' });
    expect(escape.statusCode).toBe(404);
    expect(escape.body).not.toContain('root:');
    await app.close();
  });

  it('leaves API routes and /docs in charge of their paths', async () => {
    const app = await appWith('x'.repeat(40));
    const api = await app.inject({ method: 'GET', url: '/tasks', headers: html });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
    expect((await app.inject({ method: 'GET', url: '/docs/json', headers: html })).json()).toEqual({ openapi: '3.0.3' });
    const post = await app.inject({ method: 'POST', url: '/app/inbox', headers: html });
    expect(post.statusCode).toBe(401);
    await app.close();
  });

  it('offers the dev cast, signed with the dev secret, only while the dev secret is in use', async () => {
    const dev = await appWith(DEV_JWT_SECRET);
    const res = await dev.inject({ method: 'GET', url: '/dev/tokens' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { sub: string; token: string }[];
    expect(items.map((i) => i.sub)).toEqual(devActors.map((a) => a.sub));
    const verify = createVerifier({ key: DEV_JWT_SECRET, algorithms: ['HS256'] });
    expect(verify(items[0].token)).toMatchObject({ sub: 'sally', departments: ['sales'], roles: ['staff'] });
    await dev.close();

    const real = await appWith('a-real-production-secret-0123456789abcdef');
    expect((await real.inject({ method: 'GET', url: '/dev/tokens' })).statusCode).toBe(404);
    await real.close();
  });

  it('answers 404 for the dev cast under NODE_ENV=production whatever the secret', async () => {
    process.env.NODE_ENV = 'production';
    const app = await appWith(DEV_JWT_SECRET);
    const res = await app.inject({ method: 'GET', url: '/dev/tokens', headers: html });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    await app.close();
  });

  it('serves the API alone when the page is not built', async () => {
    const app = await appWith('x'.repeat(40), join(root, 'missing'));
    const res = await app.inject({ method: 'GET', url: '/app/inbox', headers: html });
    expect(res.statusCode).toBe(401);
    await app.close();
  });
});
