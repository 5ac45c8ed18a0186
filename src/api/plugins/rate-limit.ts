import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../orders/errors';

// Two limits per time window: per client address on every request, before the token is
// even read (register this before authentication), and per token holder once it is. A 429
// comes in the error shape with Retry-After.

export interface RateLimitOptions {
  perIp: number;
  perToken: number;
  windowMs: number;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const after = (seconds: number): string => {
  const minutes = Math.round(seconds / 60);
  return seconds >= 60 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${seconds} second${seconds === 1 ? '' : 's'}`;
};

/** A hook that counts the request against the limiter and answers 429 once it is spent. */
function enforce(limiter: Limiter, who: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const limit = await limiter(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    void reply.header('retry-after', String(limit.ttlInSeconds));
    throw new ApiError(429, 'RATE_LIMITED', `too many requests from ${who}; retry in ${after(limit.ttlInSeconds)}`);
  };
}

export default fp<RateLimitOptions>(
  async (app, opts) => {
    // The plugin's own per-route hooks would run after authentication; these run where they belong.
    await app.register(rateLimit, { global: false, timeWindow: opts.windowMs });
    const perIp = app.createRateLimit({ max: opts.perIp, timeWindow: opts.windowMs });
    const perToken = app.createRateLimit({
      max: opts.perToken,
      timeWindow: opts.windowMs,
      keyGenerator: (request) => `token:${request.actor.sub}`,
    });
    app.addHook('onRequest', enforce(perIp, 'this address'));
    const tokenLimit = enforce(perToken, 'this token');
    app.addHook('preHandler', async (request, reply) => {
      // Public routes carry no token; the address limit covers them.
      if (request.actor) await tokenLimit(request, reply);
    });
  },
  { name: 'rate-limit' },
);
