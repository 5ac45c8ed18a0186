import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

// Outbound webhooks go to the customer's public servers only: never to loopback, private,
// link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast or
// reserved addresses, unless the policy names the host. The check runs where a callback URL
// is accepted and again on the connection itself, since DNS can change in between.

/** The range a non-public address falls in, or undefined for a public unicast address. */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** The host of a URL as DNS and the allow-list know it: lower case, IPv6 without brackets. */
export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

export const isAllowedHost = (host: string, allowedHosts: readonly string[]): boolean => allowedHosts.some((h) => h.toLowerCase() === host);

export class WebhookTargetRefused extends Error {
  constructor(host: string, range: string) {
    super(`the webhook host ${host} is a ${range} address, not a public one`);
    this.name = 'WebhookTargetRefused';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for sockets: resolves as usual, and fails the connection when any address of
 * the host is not public. What it approves is exactly what the socket connects to.
 */
export function guardedLookup(allowedHosts: readonly string[]) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const host = hostname.toLowerCase();
      if (!isAllowedHost(host, allowedHosts)) {
        for (const a of addresses) {
          const range = nonPublicRange(a.address);
          if (range) return callback(new WebhookTargetRefused(host, range), []);
        }
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Why a callback URL is refused, or undefined: its host, or the addresses it resolves to now, are not public. */
export async function callbackUrlProblem(
  url: string,
  allowedHosts: readonly string[],
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<string | undefined> {
  const parsed = new URL(url);
  const host = hostOf(parsed);
  if (isAllowedHost(host, allowedHosts)) return undefined;
  const addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  for (const address of addresses) {
    const range = nonPublicRange(address);
    if (range)
      return `callbackUrl ${parsed.origin} resolves to a ${range} address; only public hosts, or hosts the policy lists, receive webhooks`;
  }
  return undefined;
}

/** Every address of a host; none when it does not resolve (yet): the connection is checked again at send time. */
async function resolveAll(host: string): Promise<string[]> {
  return new Promise((done) => {
    const timer = setTimeout(() => done([]), 3000);
    dnsLookup(host, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      done(err ? [] : addresses.map((a) => a.address));
    });
  });
}
