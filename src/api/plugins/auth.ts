import fp from 'fastify-plugin';
import jwt, { type TokenOrHeader } from '@fastify/jwt';
import buildGetJwks from 'get-jwks';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../workflows/order/types';
import { ApiError } from '../../orders/errors';
import { claimsSchema, checkClaims } from './claims';

// Bearer JWTs with the claims of DESIGN §8. HS256 tokens are signed with the service's
// secret; with AUTH_JWKS_URL, RS256 and ES256 tokens of an identity provider are verified
// against its published keys, their issuer and audience checked. Every route needs a
// token unless its config says `public: true`.

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export interface AuthOptions {
  /** HS256 secret. */
  secret: string;
  /** The identity provider's keys, and the issuer and audience its tokens must name. */
  jwks?: { url: string; issuer: string; audience: string };
  /** How far a token's iat and nbf may lie in the future, for clocks that disagree. */
  clockSkewSeconds: number;
  /** The departments of the policy: a token naming another is refused. */
  departments: readonly string[];
}

const providerAlgorithms = ['RS256', 'ES256'] as const;

/** The key that verifies a token: the secret for HS256, the provider's published key for RS256/ES256. */
function keyResolver(opts: AuthOptions) {
  const url = opts.jwks ? new URL(opts.jwks.url) : undefined;
  const getJwks = url ? buildGetJwks({ jwksPath: `${url.pathname}${url.search}`, ttl: 10 * 60_000 }) : undefined;
  return async (_request: FastifyRequest, token: TokenOrHeader): Promise<string> => {
    const { alg, kid } = ('header' in token ? token.header : token) as { alg?: string; kid?: string };
    if (alg === 'HS256') return opts.secret;
    if (getJwks && url && alg && (providerAlgorithms as readonly string[]).includes(alg) && kid)
      return getJwks.getPublicKey({ domain: url.origin, alg, kid });
    throw new Error(`no key for ${String(alg)} tokens`);
  };
}

const bearerToken = (request: FastifyRequest): string => (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');

function verificationFailure(err: unknown): ApiError {
  const code = (err as { code?: string }).code ?? '';
  const message =
    code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED'
      ? 'the token has expired'
      : /exp claim is required/i.test((err as Error).message)
        ? 'the token has no expiry (exp)'
        : /will be active/i.test((err as Error).message)
          ? 'the token is not valid yet (nbf)'
          : 'invalid or expired token';
  return new ApiError(401, 'UNAUTHENTICATED', message);
}

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(jwt, {
      secret: keyResolver(opts),
      decode: { complete: true },
      verify: {
        algorithms: ['HS256' as const, ...(opts.jwks ? providerAlgorithms : [])],
        requiredClaims: ['exp'],
        clockTolerance: opts.clockSkewSeconds * 1000,
      },
    });
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config?.public) return;
      if (!request.headers.authorization) throw new ApiError(401, 'UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <JWT>)');
      let payload: unknown;
      try {
        payload = await request.jwtVerify();
      } catch (err) {
        throw verificationFailure(err);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success)
        throw new ApiError(401, 'UNAUTHENTICATED', `the token's claims are not valid: ${claims.error.issues[0].path.join('.')}`);
      const { alg } = (request.server.jwt.decode<{ header: { alg?: string } }>(bearerToken(request), { complete: true }) ?? { header: {} })
        .header;
      const problem = checkClaims(claims.data, { ...opts, provider: alg !== 'HS256' });
      if (problem) throw new ApiError(401, 'UNAUTHENTICATED', problem);
      const { sub, name, departments, roles } = claims.data;
      request.actor = { sub, name, departments, roles };
    });
  },
  { name: 'auth' },
);
