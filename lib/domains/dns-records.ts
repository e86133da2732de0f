import { env, type Env } from '@/lib/config/env';
import { areaHostnames } from '@/lib/tenancy/area-hostnames';

/** The TXT record whose value proves a storefront controls a domain. */
export const VERIFY_RECORD_PREFIX = '_ezscale-verify';

export interface DnsRecordToCreate {
  type: 'CNAME' | 'TXT';
  name: string;
  value: string;
}

/** The host every custom domain points at: PLATFORM_CNAME_TARGET, or APP_DOMAIN. */
export function cnameTarget(e: Env = env()): string {
  return (e.PLATFORM_CNAME_TARGET ?? e.APP_DOMAIN).trim().toLowerCase().replace(/\.$/, '');
}

export function verifyRecordName(domain: string): string {
  return `${VERIFY_RECORD_PREFIX}.${domain}`;
}

/** The hosts a verified domain brings: the domain (marketing), account. and admin. */
export function domainHostnames(domain: string) {
  return areaHostnames(domain);
}

/** What the storefront creates at its DNS provider: a CNAME per host and the TXT token. */
export function recordsToCreate(domain: string, token: string, e: Env = env()): DnsRecordToCreate[] {
  const target = cnameTarget(e);
  return [...domainHostnames(domain).map((h) => ({ type: 'CNAME' as const, name: h.hostname, value: target })), { type: 'TXT', name: verifyRecordName(domain), value: token }];
}
