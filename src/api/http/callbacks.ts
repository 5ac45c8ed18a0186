import { callbackUrlProblem } from '../../notify/webhook-guard';
import { ApiError } from '../../orders/errors';

// Every callback URL an order takes (at intake, in a change, in a revision) is refused
// when it points at a host that is not public, unless the policy lists the host.

/** The callback URLs anywhere in a request body: `callbackUrl` fields at any depth. */
export function callbackUrlsIn(value: unknown, depth = 0): string[] {
  if (!value || typeof value !== 'object' || depth > 4) return [];
  const own = (value as { callbackUrl?: unknown }).callbackUrl;
  return [...(typeof own === 'string' ? [own] : []), ...Object.values(value).flatMap((v) => callbackUrlsIn(v, depth + 1))];
}

export async function requirePublicCallbacks(body: unknown, allowedHosts: readonly string[]): Promise<void> {
  for (const url of callbackUrlsIn(body)) {
    let problem: string | undefined;
    try {
      problem = await callbackUrlProblem(url, allowedHosts);
    } catch {
      problem = 'callbackUrl is not a valid URL';
    }
    if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem, [{ path: 'callbackUrl', message: problem }]);
  }
}
