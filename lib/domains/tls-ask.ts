import { resolveHost } from '@/lib/tenancy/host-resolver';

/**
 * Caddy's on-demand TLS question, "may I get a certificate for this name?": yes only for a hostname of an active
 * storefront (its platform hosts, an explicit domain, a verified custom domain). Answered from the in-process
 * hostname cache, with no DNS or database round trip on the hot path.
 */
export async function mayIssueCertificate(domain: string | null): Promise<boolean> {
  const resolved = await resolveHost(domain);
  return resolved !== null && resolved.storefront.status === 'active';
}
