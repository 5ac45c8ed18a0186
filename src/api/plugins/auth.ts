import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../workflows/order/types';
import { ApiError } from '../../orders/errors';

// Bearer JWT (HS256) with the claims of DESIGN §8; every route needs it unless its config
// says `public: true`.

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  departments: z.array(z.string()).default([]),
  roles: z.array(z.enum(['staff', 'head', 'auditor', 'admin'])).min(1),
});

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export default fp<{ secret: string }>(
  async (app, opts) => {
    await app.register(jwt, { secret: opts.secret, verify: { algorithms: ['HS256'] } });
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.routeOptions.config?.public) return;
      if (!request.headers.authorization) throw new ApiError(401, 'UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <JWT>)');
      let payload: unknown;
      try {
        payload = await request.jwtVerify();
      } catch {
        throw new ApiError(401, 'UNAUTHENTICATED', 'invalid or expired token');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw new ApiError(401, 'UNAUTHENTICATED', 'token lacks the sub, name, departments and roles claims');
      request.actor = claims.data;
    });
  },
  { name: 'auth' },
);
