import { Resolver } from 'node:dns/promises';
import { env, type Env } from '@/lib/config/env';

/** The servers domain checks ask: DNS_RESOLVERS; in sandbox mode the sandbox's DNS server; else the system's (empty). */
export function domainDnsServers(e: Env = env()): string[] {
  if (e.DNS_RESOLVERS) return e.DNS_RESOLVERS;
  if (e.APP_MODE === 'sandbox') return [`${e.SANDBOX_HOST.includes(':') ? `[${e.SANDBOX_HOST}]` : e.SANDBOX_HOST}:${e.SANDBOX_DNS_PORT}`];
  return [];
}

/** What a domain check asks of DNS; node:dns's Resolver satisfies it. */
export interface DomainResolver {
  resolveTxt(name: string): Promise<string[][]>;
  resolveCname(name: string): Promise<string[]>;
  resolve4(name: string): Promise<string[]>;
}

/** A resolver that gives up on a silent server after about 5 seconds (2.5 s, twice), so a check never hangs a job. */
export function createDomainResolver(e: Env = env()): DomainResolver {
  const resolver = new Resolver({ timeout: 2_500, tries: 2 });
  const servers = domainDnsServers(e);
  if (servers.length) resolver.setServers(servers);
  return resolver;
}
