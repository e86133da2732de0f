import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, transportSecurityHeaders } from '@/lib/security/csp';
import { resolveHost } from '@/lib/tenancy/host-resolver';

// Paths every host serves as they are (health checks, webhooks).
const SHARED_PREFIXES = ['/api/'];
// Answered before the Host is looked at: health checks, and Caddy's TLS question, asked at http://app:3000.
const HOSTLESS_PATHS = ['/api/health', '/api/tls/ask'];
// What a suspended storefront still serves: gateways keep delivering payments, refunds and disputes.
const SUSPENDED_PREFIXES = ['/api/webhooks/'];
// Real route segments of the host-bound areas; never reachable by their own name from outside.
const AREA_SEGMENTS = ['/account', '/admin'];

function unknownHost(): NextResponse {
  // Names no storefront: an unknown host must not learn what this server hosts.
  return new NextResponse(
    '<!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head><body style="font-family:sans-serif;padding:3rem"><h1>404</h1><p>This site is not served here.</p></body></html>',
    { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
}

function storefrontUnavailable(): NextResponse {
  // The same page for every suspended storefront: no name, logo or colour of theirs or of the platform.
  return new NextResponse(
    '<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Unavailable</title></head><body style="font-family:sans-serif;padding:3rem"><h1>Storefront unavailable</h1><p>This storefront is temporarily unavailable. Please try again later.</p></body></html>',
    { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
}

function startsWithSegment(path: string, segment: string): boolean {
  return path === segment || path.startsWith(`${segment}/`);
}

/** Resolves Host → storefront and area, then rewrites account./admin. requests into their real segments. */
export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (HOSTLESS_PATHS.includes(path)) return NextResponse.next();

  const resolved = await resolveHost(req.headers.get('host'));
  if (resolved?.storefront.status === 'suspended') {
    return SUSPENDED_PREFIXES.some((p) => path.startsWith(p)) ? NextResponse.next() : storefrontUnavailable();
  }
  if (!resolved || resolved.storefront.status !== 'active') return unknownHost();

  // Pages re-resolve the Host themselves (getRequestContext), so nothing is passed on in headers a client could forge.
  if (SHARED_PREFIXES.some((p) => path.startsWith(p))) return NextResponse.next();

  // Next reads the nonce from the request's CSP header and puts it on its own scripts; pages read x-nonce.
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);

  let res: NextResponse;
  if (AREA_SEGMENTS.some((s) => startsWithSegment(path, s))) {
    res = NextResponse.rewrite(new URL('/_not-found-in-area', req.url), { request: { headers } });
  } else if (resolved.area === 'marketing') {
    res = NextResponse.next({ request: { headers } });
  } else {
    const target = req.nextUrl.clone();
    target.pathname = `/${resolved.area}${path === '/' ? '' : path}`;
    res = NextResponse.rewrite(target, { request: { headers } });
  }
  res.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(transportSecurityHeaders())) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
