import { env } from '@/lib/config/env';

/** A fresh, unguessable nonce per response: only scripts and styles carrying it may run. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  const e = env();
  const directives = [
    "default-src 'self'",
    // React needs eval only in development, for its error stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${e.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in forms post to their own host; account and admin never post across hosts.
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(e.APP_PROTOCOL === 'https' ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers every page response carries besides the CSP (set in next.config.ts for all responses). */
export function transportSecurityHeaders(): Record<string, string> {
  // HSTS only where the site is served over HTTPS, or browsers would refuse plain-HTTP development hosts.
  return env().APP_PROTOCOL === 'https' ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {};
}
