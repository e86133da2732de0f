import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { domainDnsServers } from './dns-resolver';

describe('the DNS servers domain checks ask', () => {
  it('are DNS_RESOLVERS when set, with ports and IPv6 literals as node:dns takes them', () => {
    expect(domainDnsServers(parseEnv({ DNS_RESOLVERS: '1.1.1.1, 8.8.8.8:53,[2606:4700::1111]:53 2001:db8::1' }))).toEqual(['1.1.1.1', '8.8.8.8:53', '[2606:4700::1111]:53', '2001:db8::1']);
  });

  it('are the sandbox DNS server in sandbox mode, and the system’s in production', () => {
    expect(domainDnsServers(parseEnv({ APP_MODE: 'sandbox', SANDBOX_DNS_PORT: '5399' }))).toEqual(['127.0.0.1:5399']);
    expect(domainDnsServers(parseEnv({ APP_MODE: 'sandbox', SANDBOX_HOST: '::1' }))).toEqual(['[::1]:4053']);
    expect(domainDnsServers(parseEnv({}))).toEqual([]);
  });

  it('refuse anything but addresses', () => {
    for (const bad of ['dns.google', '1.1.1.1:99999', '[1.1.1.1]:53', ' , ']) expect(() => parseEnv({ DNS_RESOLVERS: bad })).toThrow(/DNS_RESOLVERS/);
  });
});
