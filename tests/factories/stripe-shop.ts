import Stripe from 'stripe';
import { expect } from 'vitest';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import type { SandboxHandle } from '@/sandbox/server';
import { startTestSandbox } from '../helpers/sandbox';
import { setupShop, type Shop } from './shop';

/** The key the sandbox-mode Stripe config uses for the "shop" storefront (lib/payments/gateways/stripe). */
export const SHOP_STRIPE_KEY = 'sk_test_sandbox_shop';

export interface SignedStripeEvent {
  id: string;
  type: string;
  payload: string;
  header: string;
}

export interface StripeShop extends Shop {
  sandbox: SandboxHandle;
  /** The official SDK against the stand-in, as the shop's own Stripe account. */
  stripe: Stripe;
  /** The stand-in's control endpoint (delivery mode, disputes…), as the shop's account. */
  control(action: string, body: unknown): Promise<unknown>;
  /** Every event Stripe has for the account, oldest first, signed with the shop's webhook secret. */
  signedEvents(): Promise<SignedStripeEvent[]>;
  /** POSTs one event to our webhook route on the shop's account host. */
  deliver(payload: string, signature: string): Promise<Response>;
  /** Types a card into a hosted Checkout page (pay or save), as a person would; answers the page's 303 or its error. */
  submitCard(pageUrl: string, card: string, name?: string): Promise<Response>;
  cleanup(): Promise<void>;
}

/**
 * The shop (setupShop) with the sandbox running and Stripe's stand-in holding its webhooks: nothing reaches
 * shop.test by itself, so a test decides which events arrive, when and how often (signedEvents + deliver).
 */
export async function setupStripeShop(opts: Parameters<typeof setupShop>[0] = {}): Promise<StripeShop> {
  const sandbox = await startTestSandbox();
  let shop: Shop;
  try {
    shop = await setupShop(opts);
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  const { db } = shop;
  const u = new URL(sandbox.url);
  const stripe = new Stripe(SHOP_STRIPE_KEY, { host: u.hostname, port: u.port, protocol: 'http', telemetry: false });

  async function control(action: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${sandbox.url}/stripe/_control/${action}`, { method: 'POST', headers: { authorization: `Bearer ${SHOP_STRIPE_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBeLessThan(300);
    return res.json() as Promise<unknown>;
  }

  const out: StripeShop = {
    ...shop,
    sandbox,
    stripe,
    control,
    async signedEvents() {
      const secret = decryptSecret((await getPaymentSettings(db)).stripe.webhookSecret);
      const events = await stripe.events.list({ limit: 100 });
      return events.data.reverse().map((e) => {
        const payload = JSON.stringify(e);
        return { id: e.id, type: e.type, payload, header: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
      });
    },
    deliver(payload, signature) {
      const req = new Request('http://account.shop.test/api/webhooks/stripe', { method: 'POST', headers: { host: 'account.shop.test', 'stripe-signature': signature, 'content-type': 'application/json' }, body: payload });
      return webhookRoute(req, { params: Promise.resolve({ gateway: 'stripe' }) });
    },
    async submitCard(pageUrl, card, name = 'Card Tester') {
      expect((await fetch(pageUrl)).status).toBe(200);
      return fetch(pageUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ card_number: card, expiry: '12/34', cvc: '123', name }).toString(),
      });
    },
    async cleanup() {
      await shop.t.cleanup();
      await sandbox.close();
    },
  };
  try {
    await control('delivery', { mode: 'hold' });
  } catch (err) {
    await out.cleanup();
    throw err;
  }
  return out;
}
