import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { devActors, signToken } from '../../auth/tokens';
import { DEV_JWT_SECRET } from '../../config';
import { projectRoot } from '../../lib/project-root';

// The departments' web front end (web/, built by Vite into web/dist) served beside the API.
// API routes and /docs are more specific than the catch-all below, so they keep priority;
// an unmatched GET that a browser navigates to (Accept: text/html) gets the page, which
// routes itself; anything else gets the API's JSON 404.

export interface WebOptions {
  /** The built front end; defaults to web/dist of this repository. */
  root?: string;
  /**
   * The API's signing secret. GET /dev/tokens (the sign-in picker's dev cast) answers only
   * while it is the documented dev secret and NODE_ENV is not production; otherwise 404.
   */
  jwtSecret: string;
}

const defaultRoot = resolve(projectRoot, 'web/dist');

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const devTokensSchema = z.object({
  items: z.array(
    z.object({ sub: z.string(), name: z.string(), departments: z.array(z.string()), roles: z.array(z.string()), token: z.string() }),
  ),
});

const acceptsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('text/html');

/** A file of the build under root, or undefined (also for paths that try to leave root). */
async function builtFile(root: string, relative: string): Promise<string | undefined> {
  if (!relative || relative.includes('\0')) return undefined;
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? relative : undefined;
}

function sendIndex(reply: FastifyReply) {
  // The page must never be cached: a new build changes the asset names it points at.
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

const web: FastifyPluginAsyncZod<WebOptions> = async (app, opts) => {
  const devSecret = process.env.NODE_ENV !== 'production' && opts.jwtSecret === DEV_JWT_SECRET ? opts.jwtSecret : undefined;
  app.get(
    '/dev/tokens',
    {
      config: { public: true },
      schema: {
        hide: true,
        response: { 200: devTokensSchema, 404: errorSchema },
      },
    },
    async (_request, reply) => {
      if (!devSecret) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no route GET /dev/tokens' } });
      return { items: devActors.map((actor) => ({ ...actor, token: signToken(devSecret, actor) })) };
    },
  );

  const root = resolve(opts.root ?? defaultRoot);
  const maxParamLength = app.initialConfig.maxParamLength ?? 100;
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn({ root }, 'the web front end is not built (npm run build:web); serving the API only');
    return;
  }
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });

  app.get('/', { config: { public: true }, schema: { hide: true } }, async (request, reply) => sendIndex(reply));
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const relative = (request.params as { '*': string })['*'];
    const file = await builtFile(root, relative);
    if (file) {
      // Vite names every asset after its content hash.
      const immutable = file.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(file);
    }
    if (acceptsHtml(request)) return sendIndex(reply);
    // This catch-all also receives API paths whose parameter is too long for their route.
    if (relative.split('/').some((segment) => segment.length > maxParamLength)) {
      return reply.code(414).send({ error: { code: 'URI_TOO_LONG', message: 'a path parameter is longer than any this API accepts' } });
    }
    return reply.callNotFound();
  });
};

export default web;
