import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { guardedLookup, hostOf, isAllowedHost, nonPublicRange, WebhookTargetRefused } from './webhook-guard';

// A webhook POST whose socket only ever connects to a public address (or a host the policy
// lists). Redirects are not followed: a 3xx is a failed delivery, not a way around the check.

export interface WebhookPostOptions {
  allowedHosts: readonly string[];
  timeoutMs: number;
}

/** POSTs a JSON body; resolves with the HTTP status once the answer has been read. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: WebhookPostOptions): Promise<number> {
  const target = new URL(url);
  const host = hostOf(target);
  // A literal address never goes through the lookup.
  if (ipaddr.isValid(host) && !isAllowedHost(host, opts.allowedHosts)) {
    const range = nonPublicRange(host);
    if (range) return Promise.reject(new WebhookTargetRefused(host, range));
  }
  const client = target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ lookup: guardedLookup(opts.allowedHosts), keepAlive: false });
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        // Drain the answer so the socket is released.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  }).finally(() => agent.destroy());
}
