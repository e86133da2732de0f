import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { customDomains, storefronts, type Storefront } from '@/db/schema/central';
import { gatewayWebhookEvents } from '@/db/schema/storefront';
import { GET as tlsAsk } from '@/app/api/tls/ask/route';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { proxy } from '@/proxy';
import { getCentralDb } from '@/lib/db/central';
import { addDomain } from '@/lib/domains/add-domain';
import { checkDomain } from '@/lib/domains/check-domain';
import { TLS_ASK_RATE_LIMIT } from '@/lib/domains/tls-ask';
import { encryptSecret } from '@/lib/security/secret-box';
import { PAYMENT_SETTINGS_DEFAULTS, savePaymentSettings } from '@/lib/settings/payment-settings';
import { announceHostnameChange } from '@/lib/tenancy/host-resolver';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { setEnv, startTestSandbox } from './helpers/sandbox';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// What Caddy asks before getting a certificate, and what a suspended storefront's hosts still answer.

let t: TestEnv;
let sandbox: SandboxHandle;
let live: Storefront;
let paused: Storefront;
const system = { type: 'system' as const, label: 'test' };
const WEBHOOK_SECRET = 'whsec_suspended_store_secret';
let peer = 0;

/** Caddy's request, from its own address (the peer the app sees); a new address per test keeps counters apart. */
const ask = (domain: string | null, from = `10.9.0.${peer}`) =>
  tlsAsk(new Request(`http://app:3000/api/tls/ask${domain === null ? '' : `?domain=${encodeURIComponent(domain)}`}`, { headers: { host: 'app:3000', 'x-forwarded-for': from } }));
const through = (host: string, path: string, init: { method?: string } = {}) => proxy(new NextRequest(`http://${host}${path}`, { ...init, headers: { host } }));

/** Adds a domain and verifies it against the sandbox's DNS server, the way a storefront would. */
async function verifiedDomain(sf: Storefront, domain: string): Promise<void> {
  const d = await addDomain(getCentralDb(), { storefrontId: sf.id, domain, actor: system, now: new Date(Date.now() - 120_000) });
  const res = await fetch(`${sandbox.url}/dns/_control/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records: d.records }) });
  expect(res.status).toBe(200);
  const [row] = await getCentralDb().select().from(customDomains).where(eq(customDomains.publicId, d.publicId));
  expect((await checkDomain(getCentralDb(), { domainId: row!.id })).outcome).toBe('verified');
}

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  setEnv({ APP_DOMAIN: 'platform.test' });
  live = await createStorefront({ slug: 'live', name: 'Live Hosting Ltd' });
  paused = await createStorefront({ slug: 'paused', name: 'Paused Brand Hosting', domain: 'paused-brand.example' });
  await verifiedDomain(live, 'shop.live.example');
  await verifiedDomain(paused, 'shop.paused.example');
  await addDomain(getCentralDb(), { storefrontId: live.id, domain: 'pending.live.example', actor: system });
  await savePaymentSettings(openStorefrontDb(paused), { stripe: { ...PAYMENT_SETTINGS_DEFAULTS.stripe, webhookSecret: encryptSecret(WEBHOOK_SECRET) } });
  await getCentralDb().update(storefronts).set({ status: 'suspended' }).where(eq(storefronts.id, paused.id));
  await announceHostnameChange();
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});

describe('GET /api/tls/ask', () => {
  it('allows a verified custom domain and the platform hosts of an active storefront', async () => {
    peer++;
    for (const name of ['shop.live.example', 'account.shop.live.example', 'admin.shop.live.example', 'live.platform.test', 'admin.live.platform.test', 'SHOP.LIVE.EXAMPLE.']) {
      expect([name, (await ask(name)).status]).toEqual([name, 200]);
    }
  });

  it('refuses a pending domain, an unknown name, a suspended storefront’s hosts and a missing name', async () => {
    peer++;
    for (const name of ['pending.live.example', 'admin.pending.live.example', 'unknown.example', 'shop.paused.example', 'paused.platform.test', 'paused-brand.example', 'not a host', '']) {
      expect([name, (await ask(name)).status]).toEqual([name, 404]);
    }
    expect((await ask(null)).status).toBe(404);
  });

  it('answers 429 with Retry-After past the limit, counted per caller', async () => {
    peer++;
    for (let i = 0; i < TLS_ASK_RATE_LIMIT.limit; i++) expect((await ask('shop.live.example')).status).toBe(200);
    const refused = await ask('shop.live.example');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask('shop.live.example', '10.9.1.1')).status).toBe(200);
  });

  it('is answered on Caddy’s own host, which is no storefront’s', async () => {
    const res = await through('app:3000', '/api/tls/ask?domain=shop.live.example');
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('a suspended storefront', () => {
  it('answers every one of its hosts with a neutral 503 page that names nobody', async () => {
    for (const [host, path] of [['paused.platform.test', '/'], ['admin.paused.platform.test', '/'], ['account.paused-brand.example', '/services'], ['shop.paused.example', '/api/health-of-nothing'], ['admin.shop.paused.example', '/settings/domains']]) {
      const res = await through(host!, path!);
      expect([host, res.status]).toEqual([host, 503]);
      const body = await res.text();
      expect(body).toContain('Storefront unavailable');
      expect(body).not.toMatch(/paused|brand|ezscale/i);
    }
    // An active storefront's hosts are served as before.
    expect((await through('shop.live.example', '/')).status).toBe(200);
    expect((await through('unknown.example', '/')).status).toBe(404);
  });

  it('still takes in gateway webhooks, so no payment or dispute is lost', async () => {
    expect((await through('account.paused-brand.example', '/api/webhooks/stripe', { method: 'POST' })).headers.get('x-middleware-next')).toBe('1');
    const payload = JSON.stringify({ id: 'evt_while_suspended', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'cus_x', object: 'customer' } } });
    const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await webhookRoute(
      new Request('http://account.paused-brand.example/api/webhooks/stripe', { method: 'POST', headers: { host: 'account.paused-brand.example', 'stripe-signature': signature, 'content-type': 'application/json' }, body: payload }),
      { params: Promise.resolve({ gateway: 'stripe' }) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true });
    const events = await openStorefrontDb(paused).select().from(gatewayWebhookEvents);
    expect(events.map((e) => e.eventId)).toContain('evt_while_suspended');
  });
});
