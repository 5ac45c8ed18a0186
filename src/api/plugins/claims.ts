import { z } from 'zod';
import { isCleanText } from '../../lib/clean-text';

// What a token must say about its bearer, bounded so that no claim can carry more than an
// identity needs (a sub becomes part of database keys).

const bounded = (max: number) => z.string().min(1).max(max).refine(isCleanText);

export const claimsSchema = z.object({
  sub: bounded(128),
  name: bounded(200),
  departments: z.array(bounded(64)).max(32).default([]),
  roles: z
    .array(z.enum(['staff', 'head', 'auditor', 'admin']))
    .min(1)
    .max(4),
  exp: z.number(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  iss: z.string().max(500).optional(),
  aud: z.union([z.string().max(500), z.array(z.string().max(500)).max(20)]).optional(),
});
export type Claims = z.infer<typeof claimsSchema>;

/** What is wrong with verified claims, or undefined: time, known departments, and a provider's issuer and audience. */
export function checkClaims(
  claims: Claims,
  opts: {
    clockSkewSeconds: number;
    departments: readonly string[];
    jwks?: { issuer: string; audience: string };
    provider: boolean;
    now?: number;
  },
): string | undefined {
  const now = (opts.now ?? Date.now()) / 1000;
  if (claims.iat !== undefined && claims.iat > now + opts.clockSkewSeconds) return 'the token was issued in the future (iat)';
  if (claims.nbf !== undefined && claims.nbf > now + opts.clockSkewSeconds) return 'the token is not valid yet (nbf)';
  const unknown = claims.departments.filter((d) => !opts.departments.includes(d));
  if (unknown.length > 0) return `the token names departments the policy does not have: ${unknown.join(', ')}`;
  if (opts.provider && opts.jwks) {
    if (claims.iss !== opts.jwks.issuer) return 'the token is from another issuer';
    const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
    if (!audiences.includes(opts.jwks.audience)) return 'the token is for another audience';
  }
  return undefined;
}
