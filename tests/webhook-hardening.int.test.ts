import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayWebhookEvents } from '@/db/schema/storefront';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { createPaypalSimulator } from '@/sandbox/paypal/simulator';
import { createPaypalGateway } from '@/lib/payments/gateways/paypal/paypal-gateway';
import { currencyBook } from '@/lib/money/currency-book';
import { registerPaypalWebhook } from '@/lib/payments/gateways/paypal/register-webhook';
import { readBody } from '@/sandbox/shared/http';
import { savePaymentSettings } from '@/lib/settings/payment-settings';
import { setupShop, type Shop } from './factories/shop';
import { setEnv } from './helpers/sandbox';

// #15 item 9: a webhook endpoint anyone can POST to must not be a lever. An oversized body is refused before it is
// read or parsed; a captured PayPal delivery replayed many times costs PayPal's verify call once.

let shop: Shop;
const sim = createPaypalSimulator();
let simServer: Server;
let hookServer: Server;
let simBase = '';
let verifyCalls = 0;
const received: { headers: Record<string, string>; rawBody: string }[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}
const flatHeaders = (req: IncomingMessage) => Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));

beforeAll(async () => {
  shop = await setupShop();
  simServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/paypal/v1/notifications/verify-webhook-signature') verifyCalls += 1;
    void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  hookServer = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      received.push({ headers: flatHeaders(req), rawBody });
      res.writeHead(200).end();
    });
  });
  simBase = await listen(simServer);
  const hookBase = await listen(hookServer);
  // The storefront has no PayPal keys, so in sandbox mode it uses the stand-in at SANDBOX_HOST:SANDBOX_HTTP_PORT.
  setEnv({ SANDBOX_HOST: '127.0.0.1', SANDBOX_HTTP_PORT: new URL(simBase).port });
  const { webhookId } = await registerPaypalWebhook({ clientId: 'sandbox-shop', clientSecret: 'sandbox-secret-shop', environment: 'sandbox', apiBase: `${simBase}/paypal` }, `${hookBase}/hook`);
  await savePaymentSettings(shop.db, { paypal: { enabled: true, environment: 'sandbox', clientId: '', clientSecret: '', webhookId } });
});
afterAll(async () => {
  sim.close();
  simServer?.closeAllConnections();
  hookServer?.closeAllConnections();
  await Promise.all([new Promise((r) => simServer?.close(r)), new Promise((r) => hookServer?.close(r))]);
  await shop?.t.cleanup();
});

const route = (gateway: string, init: RequestInit) =>
  webhookRoute(new Request(`http://account.shop.test/api/webhooks/${gateway}`, { method: 'POST', ...init, headers: { host: 'account.shop.test', 'content-type': 'application/json', ...(init.headers as Record<string, string>) } }), {
    params: Promise.resolve({ gateway }),
  });
const recorded = () => shop.db.select().from(gatewayWebhookEvents);

describe('webhook bodies over 1 MB', () => {
  it('are refused with 413 from Content-Length alone, without reading the body', async () => {
    let pulled = 0;
    // A body that never ends: reading it would hang the test.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled < 3) controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await route('stripe', { body: endless, headers: { 'content-length': String(2 * 1024 * 1024), 'stripe-signature': 't=1,v1=00' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await recorded()).toHaveLength(0);
  });

  it('are refused with 413 when a body without Content-Length runs past 1 MB, before any parsing', async () => {
    const chunk = new TextEncoder().encode(`{"id":"evt_big","type":"charge.succeeded","pad":"${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const big = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    for (const gateway of ['stripe', 'paypal']) {
      const res = await route(gateway, { body: gateway === 'stripe' ? big : new Blob([chunk, ...Array.from({ length: 20 }, () => chunk)]).stream(), headers: { 'stripe-signature': 't=1,v1=00' }, duplex: 'half' } as RequestInit);
      expect(res.status, gateway).toBe(413);
    }
    expect(sent).toBeLessThan(40);
    expect(verifyCalls).toBe(0);
    expect(await recorded()).toHaveLength(0);
  });

  it('a body under the limit still reaches the signature check', async () => {
    const res = await route('stripe', { body: '{"id":"evt_small"}', headers: { 'stripe-signature': 't=1,v1=00' } });
    expect(res.status).toBe(400);
  });
});

describe('PayPal webhook verification', () => {
  it('calls PayPal verify once for a delivery replayed 50 times', async () => {
    const config = { clientId: 'sandbox-shop', clientSecret: 'sandbox-secret-shop', webhookId: '', environment: 'sandbox' as const, apiBase: `${simBase}/paypal` };
    const gateway = createPaypalGateway(config, (c) => currencyBook([{ code: 'USD', minorDigits: 2, locale: 'en-US' }]).digits(c));
    const attemptId = `txn_${randomBytes(5).toString('hex')}`;
    const started = await gateway.startInvoicePayment({
      customer: { customerPublicId: 'cus_replay', email: 'ada@example.com', name: 'Ada', gatewayCustomerId: null },
      invoicePublicId: 'inv_replay',
      invoiceNumber: 'INV-0001',
      amountMinor: 1234,
      currency: 'USD',
      savePaymentMethod: false,
      returnUrl: 'http://app.test/return',
      cancelUrl: 'http://app.test/cancel',
      attemptId,
    });
    const approved = await fetch(started.redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'buyer@example.com', action: 'approve' }).toString() });
    expect(approved.status).toBe(303);
    await sim.idle();
    const delivery = received.at(-1)!;
    const headers = Object.fromEntries(Object.entries(delivery.headers).filter(([k]) => k.startsWith('paypal-')));
    verifyCalls = 0;

    const answers: number[] = [];
    for (let i = 0; i < 50; i++) answers.push((await route('paypal', { body: delivery.rawBody, headers })).status);
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(verifyCalls).toBe(1);
    expect((await recorded()).filter((r) => r.gateway === 'paypal')).toHaveLength(1);

    // The same event id with a changed body is a different delivery: verified on its own, and refused.
    const tampered = JSON.stringify({ ...(JSON.parse(delivery.rawBody) as Record<string, unknown>), summary: 'edited' });
    for (let i = 0; i < 5; i++) expect((await route('paypal', { body: tampered, headers })).status).toBe(400);
    expect(verifyCalls).toBe(2);
  });
});
