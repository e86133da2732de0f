import { answerTlsAsk } from '@/lib/domains/tls-ask';

export const dynamic = 'force-dynamic';

/**
 * Caddy's on_demand_tls `ask` (deploy/Caddyfile): called at http://app:3000 on every handshake for a name Caddy has
 * no certificate for yet. Answers on any Host (proxy.ts lets it through) with an empty body.
 */
export async function GET(req: Request): Promise<Response> {
  const answer = await answerTlsAsk({ domain: new URL(req.url).searchParams.get('domain'), forwardedFor: req.headers.get('x-forwarded-for') });
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (answer.status === 429) headers['retry-after'] = String(answer.retryAfterSeconds);
  return new Response(null, { status: answer.status, headers });
}
