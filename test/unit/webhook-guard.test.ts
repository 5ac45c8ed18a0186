import { describe, expect, it } from 'vitest';
import { callbackUrlProblem, nonPublicRange } from '../../src/notify/webhook-guard';

describe('webhook targets', () => {
  it('tell public addresses from loopback, private, link-local, metadata and other special ones', () => {
    expect(
      Object.fromEntries(
        [
          '127.0.0.1',
          '10.1.2.3',
          '172.16.0.9',
          '192.168.1.1',
          '169.254.169.254',
          '100.64.0.1',
          '0.0.0.0',
          '224.0.0.1',
          '::1',
          'fe80::1',
          'fd00:ec2::254',
          '::ffff:127.0.0.1',
          '::',
          '8.8.8.8',
          '::ffff:8.8.8.8',
          '2001:4860:4860::8888',
        ].map((a) => [a, nonPublicRange(a) ?? 'public']),
      ),
    ).toEqual({
      '127.0.0.1': 'loopback',
      '10.1.2.3': 'private',
      '172.16.0.9': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'linkLocal',
      '100.64.0.1': 'carrierGradeNat',
      '0.0.0.0': 'unspecified',
      '224.0.0.1': 'multicast',
      '::1': 'loopback',
      'fe80::1': 'linkLocal',
      'fd00:ec2::254': 'uniqueLocal',
      '::ffff:127.0.0.1': 'loopback',
      '::': 'unspecified',
      '8.8.8.8': 'public',
      '::ffff:8.8.8.8': 'public',
      '2001:4860:4860::8888': 'public',
    });
  });

  it('refuse a callback URL by its literal address or by what its name resolves to, unless the policy lists the host', async () => {
    const dns = async (host: string) =>
      ({ 'hooks.customer.example': ['93.184.216.34'], 'rebind.example': ['93.184.216.34', '10.0.0.5'] })[host] ?? [];
    const problem = (url: string, allowed: string[] = []) => callbackUrlProblem(url, allowed, dns);
    expect(await problem('https://hooks.customer.example/orders')).toBeUndefined();
    expect(await problem('http://127.0.0.1:9/x')).toBe(
      'callbackUrl http://127.0.0.1:9 resolves to a loopback address; only public hosts, or hosts the policy lists, receive webhooks',
    );
    expect(await problem('http://2130706433/')).toMatch(/loopback/);
    expect(await problem('http://[::1]:8080/')).toMatch(/loopback/);
    expect(await problem('http://169.254.169.254/latest/meta-data/')).toMatch(/linkLocal/);
    expect(await problem('https://rebind.example/hook')).toMatch(/private/);
    expect(await problem('https://rebind.example/hook', ['REBIND.example'])).toBeUndefined();
    expect(await problem('http://127.0.0.1:9/x', ['127.0.0.1'])).toBeUndefined();
  });
});
