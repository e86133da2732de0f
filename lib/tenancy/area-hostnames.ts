import { env, type Env } from '@/lib/config/env';

/** The three hostnames of a storefront on one domain: the marketing site, account. and admin. */
export function areaHostnames(domain: string) {
  return [
    { hostname: domain, area: 'marketing' as const },
    { hostname: `account.${domain}`, area: 'account' as const },
    { hostname: `admin.${domain}`, area: 'admin' as const },
  ];
}

function appDomain(e: Env): string {
  return e.APP_DOMAIN.trim().toLowerCase().replace(/\.$/, '');
}

/** The domain every storefront has on the platform from the start: <slug>.<APP_DOMAIN>. */
export function platformDomainFor(slug: string, e: Env = env()): string {
  return `${slug}.${appDomain(e)}`;
}

/** Whether a name is APP_DOMAIN or any name under it: the platform's own, never a storefront's custom domain. */
export function isPlatformName(hostname: string, e: Env = env()): boolean {
  const base = appDomain(e);
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === base || name.endsWith(`.${base}`);
}
