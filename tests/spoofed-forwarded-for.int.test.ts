import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, resetEnvCache } from '@/lib/config/env';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createCustomer } from '@/lib/customers/create-customer';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { clientIpFrom, trustedProxyList } from '@/lib/security/client-ip';
import { installPeerAddressHook } from '@/lib/security/peer-address-hook';
import type { StorefrontDb } from '@/lib/db/connection';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// A real HTTP server in front of the sign-in, reading the client IP the way requestMeta does: the attacker talks
// to it directly and sends a new X-Forwarded-For with every attempt.

let t: TestEnv;
let db: StorefrontDb;
let sfId: number;
let server: Server;
let base: string;
const PASSWORD = 'spoofed-forwarded-password-1';

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  sfId = sf.id;
  db = openStorefrontDb(sf);
  const actor = { type: 'system' as const, label: 'test' };
  for (const email of ['vic@example.com', 'wes@example.com']) await createCustomer(db, { input: { email, name: email, password: PASSWORD, country: 'de' }, actor });
  installPeerAddressHook();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ip = clientIpFrom(req.headers['x-forwarded-for'] as string | undefined, trustedProxyList(env().TRUSTED_PROXIES));
    void signInWithPassword(db, { principalType: 'customer', storefrontId: sfId, input: { email: url.searchParams.get('email'), password: url.searchParams.get('password') }, ip }).then(
      (r) => res.end(JSON.stringify({ ...r, ip })),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  delete process.env.TRUSTED_PROXIES;
  await t.cleanup();
});

async function attempt(email: string, password: string, forwardedFor: string) {
  const res = await fetch(`${base}/?${new URLSearchParams({ email, password })}`, { headers: { 'x-forwarded-for': forwardedFor } });
  return (await res.json()) as { ok: boolean; code?: string; ip: string | null };
}

describe('a spoofed X-Forwarded-For', () => {
  it('cannot dodge the per-IP sign-in limit', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await attempt(`guess${i}@example.com`, 'wrong-password-x', `198.18.0.${i + 1}`)).toMatchObject({ ok: false, ip: '127.0.0.1' });
    }
    expect(await attempt('vic@example.com', PASSWORD, '198.18.1.1')).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await attempt('vic@example.com', PASSWORD, '198.18.1.2, 203.0.113.5')).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('is believed when the peer is a trusted proxy', async () => {
    process.env.TRUSTED_PROXIES = '127.0.0.1';
    resetEnvCache();
    // Here the server's peer plays the reverse proxy: the hop it forwarded is the client.
    expect(await attempt('wes@example.com', PASSWORD, '6.6.6.6, 198.18.2.1')).toMatchObject({ ok: true, ip: '198.18.2.1' });
  });
});
