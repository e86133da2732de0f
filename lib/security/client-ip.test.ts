import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { clientIpFrom, normalizeHop, trustedProxyList } from './client-ip';

const none = trustedProxyList('');

describe('clientIpFrom', () => {
  it('with no trusted proxies, ignores whatever the client put in X-Forwarded-For: the peer is the client', () => {
    expect(clientIpFrom('203.0.113.66', none)).toBe('203.0.113.66');
    expect(clientIpFrom('1.2.3.4, 5.6.7.8, 198.51.100.9', none)).toBe('198.51.100.9');
    expect(clientIpFrom('10.0.0.1, 198.51.100.9', none)).toBe('198.51.100.9');
  });

  it('skips trusted hops from the right and stops at the first untrusted one', () => {
    const trusted = trustedProxyList('10.0.0.0/8, fd00::/8');
    // spoofed by the client, the client as the CDN saw it, the CDN edge, our proxy (the TCP peer)
    expect(clientIpFrom('6.6.6.6, 203.0.113.7, 10.20.0.3, 10.0.0.2', trusted)).toBe('203.0.113.7');
    expect(clientIpFrom('2001:db8::5, fd12::1', trusted)).toBe('2001:db8::5');
    // A peer outside the list is the client, even if the header names trusted hops to its left.
    expect(clientIpFrom('10.0.0.9, 198.51.100.1', trusted)).toBe('198.51.100.1');
  });

  it('a chain of only trusted proxies gives the furthest; garbage stops at the proxy that passed it on', () => {
    const trusted = trustedProxyList('10.0.0.0/8');
    expect(clientIpFrom('10.0.0.5, 10.0.0.2', trusted)).toBe('10.0.0.5');
    expect(clientIpFrom('1.2.3.4, not-an-ip, 10.0.0.2', trusted)).toBe('10.0.0.2');
    expect(clientIpFrom('', none)).toBeNull();
    expect(clientIpFrom(null, none)).toBeNull();
    expect(clientIpFrom('unknown', none)).toBeNull();
  });

  it('reads IPv4-mapped peers, ports and brackets as plain addresses', () => {
    expect(normalizeHop(' ::ffff:192.0.2.1 ')).toBe('192.0.2.1');
    expect(normalizeHop('192.0.2.1:4711')).toBe('192.0.2.1');
    expect(normalizeHop('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(clientIpFrom('198.51.100.3, ::ffff:172.30.53.10', trustedProxyList('172.30.53.10'))).toBe('198.51.100.3');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('accepts addresses and CIDR ranges of both families, comma- or space-separated, and defaults to none', () => {
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 172.30.53.10 fd00::/8,::1' }).TRUSTED_PROXIES).toBe('10.0.0.0/8, 172.30.53.10 fd00::/8,::1');
    expect(parseEnv({}).TRUSTED_PROXIES).toBe('');
  });

  it('refuses a bad entry at startup, naming it', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'caddy', 'fd00::/129', '10.0.0.0/8/1', '10.0.0.0/x']) {
      expect(() => parseEnv({ TRUSTED_PROXIES: `192.0.2.1, ${bad}` }), bad).toThrow(`Invalid environment: TRUSTED_PROXIES: "${bad}" is not an IP address or CIDR range`);
    }
  });
});
