import { env } from '@/lib/config/env';
import { clientIpFrom, trustedProxyList } from '@/lib/security/client-ip';
import { consumeRateLimit, type RateLimitRule } from '@/lib/security/rate-limit';
import { resolveHost } from '@/lib/tenancy/host-resolver';

/**
 * Caddy asks once per handshake for a name it holds no certificate for; Caddy itself is the caller, so this is
 * in effect a ceiling on how fast names can be tried, well above what new storefronts and domains need.
 */
export const TLS_ASK_RATE_LIMIT: RateLimitRule = { name: 'tls-ask:ip', limit: 120, windowSeconds: 60 };

/**
 * Caddy's on-demand TLS question, "may I get a certificate for this name?": yes only for a hostname of an active
 * storefront (its platform hosts, an explicit domain, a verified custom domain). Answered from the in-process
 * hostname cache, with no DNS or database round trip on the hot path.
 */
export async function mayIssueCertificate(domain: string | null): Promise<boolean> {
  const resolved = await resolveHost(domain);
  return resolved !== null && resolved.storefront.status === 'active';
}

export type TlsAskAnswer = { status: 200 | 404 } | { status: 429; retryAfterSeconds: number };

/** GET /api/tls/ask?domain=…: 200 to allow, 404 to refuse, 429 past the rate limit (refused too, as Caddy reads it). */
export async function answerTlsAsk(input: { domain: string | null; forwardedFor: string | null }): Promise<TlsAskAnswer> {
  const ip = clientIpFrom(input.forwardedFor, trustedProxyList(env().TRUSTED_PROXIES)) ?? 'unknown';
  // Storefront 0: the platform's own counter, apart from every storefront's.
  const limit = await consumeRateLimit({ rule: TLS_ASK_RATE_LIMIT, storefrontId: 0, subject: ip });
  if (!limit.allowed) return { status: 429, retryAfterSeconds: limit.retryAfterSeconds };
  return { status: (await mayIssueCertificate(input.domain)) ? 200 : 404 };
}
