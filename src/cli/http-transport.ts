import { signToken } from '../auth/tokens';
import type { Actor } from '../../workflows/order/types';
import type { Transport } from './api-client';

// Requests over real HTTP, as any client sends them: a bearer token per person, signed with
// the service's secret. Used by `npm run demo`, the benchmark and the fault suite.

/** The API did not answer at all: refused, reset or timed out. */
export class Unreachable extends Error {}

export function httpTransport(baseUrl: string, secret: string, opts: { timeoutMs?: number } = {}): Transport {
  const tokens = new Map<string, string>();
  const tokenOf = (actor: Actor) => tokens.get(actor.sub) ?? tokens.set(actor.sub, signToken(secret, actor, 24 * 3600)).get(actor.sub)!;
  return async (method, path, actor, body, headers = {}) => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(actor ? { authorization: `Bearer ${tokenOf(actor)}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
      throw new Unreachable(`cannot reach the API at ${baseUrl} (${cause})`);
    }
    const text = await res.text();
    const retryAfter = Number(res.headers.get('retry-after') ?? '') || undefined;
    try {
      return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter };
    } catch {
      return { status: res.status, body: text, retryAfter };
    }
  };
}
