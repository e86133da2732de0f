import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '@/sandbox/shared/http';
import { type GatewayEvent, GatewayUnavailableError, type PaymentGateway, WebhookSignatureError } from '@/lib/payments/gateway';
import { createPaypalGateway } from '@/lib/payments/gateways/paypal/paypal-gateway';
import { currencyBook } from '@/lib/money/currency-book';
import { registerPaypalWebhook } from '@/lib/payments/gateways/paypal/register-webhook';
import { createPaypalSimulator } from './simulator';

/** The test store's currency rows. */
const digitsOf = (c: string) => currencyBook([{ code: 'USD', minorDigits: 2, locale: 'en-US' }, { code: 'EUR', minorDigits: 2, locale: 'de-DE' }]).digits(c);

// Drives the real PayPal SDK (through our adapter) against the stand-in over HTTP, with a webhook receiver.

interface Received {
  path: string;
  headers: Record<string, string | undefined>;
  rawBody: string;
}

const sim = createPaypalSimulator({ retryDelaysMs: [30, 60, 120] });
let simServer: Server;
let hookServer: Server;
let simBase = '';
let hookBase = '';
const received: Received[] = [];
/** Per path: how many deliveries to answer 500 before accepting. */
const failFirst = new Map<string, number>();

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

beforeAll(async () => {
  simServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/paypal' || url.pathname.startsWith('/paypal/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
      return;
    }
    res.writeHead(404).end();
  });
  hookServer = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      const path = req.url ?? '/';
      const left = failFirst.get(path) ?? 0;
      if (left > 0) {
        failFirst.set(path, left - 1);
        res.writeHead(500).end();
        return;
      }
      received.push({ path, headers: flatHeaders(req), rawBody });
      res.writeHead(200).end();
    });
  });
  simBase = await listen(simServer);
  hookBase = await listen(hookServer);
});

afterAll(async () => {
  sim.close();
  simServer.closeAllConnections();
  hookServer.closeAllConnections();
  await Promise.all([new Promise((r) => simServer.close(r)), new Promise((r) => hookServer.close(r))]);
});

async function tokenFor(clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${simBase}/paypal/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { access_token: string; token_type: string };
  expect(body.token_type).toBe('Bearer');
  return body.access_token;
}

interface Merchant {
  clientId: string;
  secret: string;
  token: string;
  webhookId: string;
  hookPath: string;
  gateway: PaymentGateway;
  deliveries: () => Received[];
}

/** A fresh merchant account with one webhook subscribed to everything, and our gateway pointed at the stand-in. */
async function merchant(): Promise<Merchant> {
  const clientId = `client-${randomBytes(6).toString('hex')}`;
  const secret = `secret-${randomBytes(6).toString('hex')}`;
  const token = await tokenFor(clientId, secret);
  const hookPath = `/hooks/${clientId}`;
  const apiBase = `${simBase}/paypal`;
  // Registering twice replaces the first webhook, so there is exactly one and deliveries aren't doubled.
  await registerPaypalWebhook({ clientId, clientSecret: secret, environment: 'sandbox', apiBase }, `${hookBase}${hookPath}`);
  const { webhookId } = await registerPaypalWebhook({ clientId, clientSecret: secret, environment: 'sandbox', apiBase }, `${hookBase}${hookPath}`);
  const hooks = await fetch(`${simBase}/paypal/v1/notifications/webhooks`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await hooks.json()) as { webhooks: { id: string }[] }).webhooks.map((w) => w.id)).toEqual([webhookId]);
  const gateway = createPaypalGateway({ clientId, clientSecret: secret, webhookId, environment: 'sandbox', apiBase: `${simBase}/paypal` }, digitsOf);
  return { clientId, secret, token, webhookId, hookPath, gateway, deliveries: () => received.filter((r) => r.path === hookPath) };
}

const customer = (id = `cus_${randomBytes(5).toString('hex')}`) => ({ customerPublicId: id, email: 'ada@example.com', name: 'Ada', gatewayCustomerId: null });

async function startPayment(m: Merchant, opts: { amountMinor?: number; save?: boolean; invoice?: string } = {}) {
  const attemptId = `txn_${randomBytes(5).toString('hex')}`;
  const invoicePublicId = opts.invoice ?? `inv_${randomBytes(5).toString('hex')}`;
  const started = await m.gateway.startInvoicePayment({
    customer: customer(),
    invoicePublicId,
    invoiceNumber: 'INV-0001',
    amountMinor: opts.amountMinor ?? 1234,
    currency: 'USD',
    savePaymentMethod: opts.save ?? false,
    returnUrl: `http://app.test/pay/return?attempt=${attemptId}`,
    cancelUrl: `http://app.test/invoices/${invoicePublicId}`,
    attemptId,
  });
  return { started, attemptId, invoicePublicId };
}

/** The buyer at PayPal: opens the page, fills the form, presses a button. Returns the redirect target. */
async function buyer(redirectUrl: string, form: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  expect(page.status).toBe(200);
  const res = await fetch(redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: res.status, location: res.headers.get('location'), html };
}

async function eventsOf(m: Merchant): Promise<GatewayEvent[]> {
  await sim.idle();
  const out: GatewayEvent[] = [];
  for (const d of m.deliveries()) out.push(...(await m.gateway.parseWebhook({ rawBody: d.rawBody, headers: d.headers })));
  return out;
}

describe('PayPal stand-in driven through the PayPal gateway', { timeout: 30_000 }, () => {
  it('pays an invoice through the approval page, saves the wallet and captures exactly once', async () => {
    const m = await merchant();
    const { started, attemptId, invoicePublicId } = await startPayment(m, { save: true });
    expect(started.redirectUrl).toBe(`${simBase}/paypal/checkoutnow?token=${started.gatewayRef}`);

    const { status, location, html } = await buyer(started.redirectUrl, { email: 'ada.buyer@example.com', save: 'on', action: 'approve' });
    expect(html).toContain('Pay with PayPal (sandbox)');
    expect(html).toContain('12.34 USD');
    expect(html).toContain('Save PayPal for future payments to');
    expect(html).toContain('value="buyer@example.com"');
    expect(status).toBe(303);
    const back = new URL(location ?? '');
    expect(back.origin + back.pathname).toBe('http://app.test/pay/return');
    expect(back.searchParams.get('attempt')).toBe(attemptId);
    expect(back.searchParams.get('token')).toBe(started.gatewayRef);
    expect(back.searchParams.get('PayerID')).toMatch(/^[0-9A-Z]{13}$/);

    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: `${attemptId}:complete` });
    expect(done.outcome).toMatchObject({ status: 'succeeded', amountMinor: 1234, currency: 'USD', feeMinor: 92 });
    expect(done.savedMethod).toMatchObject({ kind: 'paypal', label: 'ada.buyer@example.com', last4: null });
    expect(done.gatewayCustomerId).toBe(started.gatewayCustomerId);

    // The same key answers the same capture; another key finds the order already captured. Either way: one capture.
    const again = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: `${attemptId}:complete` });
    const other = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'another-key' });
    const captureId = done.outcome.status === 'succeeded' ? done.outcome.gatewayPaymentId : '';
    expect(again.outcome).toMatchObject({ status: 'succeeded', gatewayPaymentId: captureId });
    expect(other.outcome).toMatchObject({ status: 'succeeded', gatewayPaymentId: captureId });
    expect(sim.account(m.clientId)?.captures.size).toBe(1);

    const events = await eventsOf(m);
    expect(events.map((e) => e.type).sort()).toEqual(['ignored', 'method.saved', 'payment.succeeded']);
    expect(events.find((e) => e.type === 'payment.succeeded')).toMatchObject({ attemptId, invoicePublicId, gatewayPaymentId: captureId, amountMinor: 1234, feeMinor: 92 });
    expect(events.find((e) => e.type === 'method.saved')).toMatchObject({ gatewayCustomerId: started.gatewayCustomerId, method: { gatewayMethodId: done.savedMethod?.gatewayMethodId } });

    // A changed value, a missing header or another webhook id all fail verification.
    const delivery = m.deliveries().find((d) => d.rawBody.includes('PAYMENT.CAPTURE.COMPLETED'));
    if (!delivery) throw new Error('no capture webhook');
    await expect(m.gateway.parseWebhook({ ...delivery, rawBody: delivery.rawBody.replace('"12.34"', '"1.00"') })).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(m.gateway.parseWebhook({ ...delivery, headers: { ...delivery.headers, 'paypal-transmission-sig': undefined } })).rejects.toBeInstanceOf(WebhookSignatureError);
    const stranger = createPaypalGateway({ clientId: m.clientId, clientSecret: m.secret, webhookId: 'WRONG', environment: 'sandbox', apiBase: `${simBase}/paypal` }, digitsOf);
    await expect(stranger.parseWebhook(delivery)).rejects.toBeInstanceOf(WebhookSignatureError);

    // Renewals: the saved token pays without the buyer, once per idempotency key.
    const charge = { gatewayCustomerId: done.gatewayCustomerId ?? '', gatewayMethodId: done.savedMethod?.gatewayMethodId ?? '', amountMinor: 999, currency: 'USD', invoicePublicId: 'inv_renewal1', attemptId: 'txn_renewal1', idempotencyKey: 'renewal-1' };
    const first = await m.gateway.chargeSaved(charge);
    const retried = await m.gateway.chargeSaved(charge);
    expect(first).toMatchObject({ status: 'succeeded', amountMinor: 999, currency: 'USD' });
    expect(retried).toEqual(first);
    expect(sim.account(m.clientId)?.captures.size).toBe(2);

    // A buyer whose funding now fails: the renewal fails with PayPal's code.
    sim.setBuyerDeclines(m.clientId, 'ada.buyer@example.com', true);
    const declined = await m.gateway.chargeSaved({ ...charge, invoicePublicId: 'inv_renewal2', idempotencyKey: 'renewal-2' });
    expect(declined).toMatchObject({ status: 'failed', code: 'INSTRUMENT_DECLINED' });
  });

  it('reports a buyer who has not approved yet, and honours cancel', async () => {
    const m = await merchant();
    const { started, attemptId, invoicePublicId } = await startPayment(m);
    const early = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k1' });
    expect(early.outcome.status).toBe('requires_action');

    const raw = await fetch(`${simBase}/paypal/v2/checkout/orders/${started.gatewayRef}/capture`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' } });
    expect(raw.status).toBe(422);
    expect(await raw.json()).toMatchObject({ name: 'UNPROCESSABLE_ENTITY', debug_id: expect.any(String), details: [{ issue: 'ORDER_NOT_APPROVED' }] });
    const anonymous = await fetch(`${simBase}/paypal/v2/checkout/orders/${started.gatewayRef}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'invalid_token' });
    const unknown = await fetch(`${simBase}/paypal/v2/checkout/orders/NOPE`, { headers: { authorization: `Bearer ${m.token}` } });
    expect(await unknown.json()).toMatchObject({ name: 'RESOURCE_NOT_FOUND' });

    const { html, status, location } = await buyer(started.redirectUrl, { action: 'cancel' });
    expect(html).not.toContain('Save PayPal for future payments');
    expect(status).toBe(303);
    expect(location).toBe(`http://app.test/invoices/${invoicePublicId}?token=${started.gatewayRef}`);
  });

  it('declines a "decline…" buyer at capture and says so by webhook', async () => {
    const m = await merchant();
    const { started, attemptId } = await startPayment(m);
    const { status } = await buyer(started.redirectUrl, { email: 'declined.buyer@example.com', action: 'approve' });
    expect(status).toBe(303);
    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k' });
    expect(done.outcome).toMatchObject({ status: 'failed', code: 'INSTRUMENT_DECLINED' });
    expect(done.savedMethod).toBeNull();
    const events = await eventsOf(m);
    expect(events.find((e) => e.type === 'payment.failed')).toMatchObject({ attemptId, gatewayPaymentId: expect.any(String) });
  });

  it('refunds part of a capture, refuses too much, and reports a dispute', async () => {
    const m = await merchant();
    const { started, attemptId } = await startPayment(m, { amountMinor: 5000 });
    await buyer(started.redirectUrl, { action: 'approve' });
    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k' });
    if (done.outcome.status !== 'succeeded') throw new Error('capture failed');
    const captureId = done.outcome.gatewayPaymentId;

    const partial = await m.gateway.refund({ gatewayPaymentId: captureId, amountMinor: 1250, currency: 'USD', idempotencyKey: 'r1', reason: 'goodwill' });
    expect(partial).toMatchObject({ status: 'succeeded', gatewayRefundId: expect.any(String) });
    expect(await m.gateway.refund({ gatewayPaymentId: captureId, amountMinor: 1250, currency: 'USD', idempotencyKey: 'r1', reason: 'goodwill' })).toEqual(partial);
    expect(await m.gateway.refund({ gatewayPaymentId: captureId, amountMinor: 4000, currency: 'USD', idempotencyKey: 'r2', reason: null })).toMatchObject({ status: 'failed', reason: expect.stringContaining('REFUND_AMOUNT_EXCEEDED') });

    const res = await fetch(`${simBase}/paypal/_control/dispute?client_id=${m.clientId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ capture_id: captureId }) });
    expect(res.status).toBe(201);

    const events = await eventsOf(m);
    expect(events.filter((e) => e.type === 'refund.succeeded')).toEqual([
      expect.objectContaining({ gatewayPaymentId: captureId, gatewayRefundId: partial.status === 'succeeded' ? partial.gatewayRefundId : '', amountMinor: 1250, currency: 'USD' }),
    ]);
    expect(events.find((e) => e.type === 'dispute.created')).toMatchObject({ gatewayPaymentId: captureId, amountMinor: 5000, reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED' });
  });

  it('takes a dispute from the buyer opening it to the seller answering and PayPal deciding', async () => {
    const m = await merchant();
    const auth = { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' };
    const { started, attemptId } = await startPayment(m, { amountMinor: 4000 });
    await buyer(started.redirectUrl, { action: 'approve' });
    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k' });
    if (done.outcome.status !== 'succeeded') throw new Error('capture failed');
    const captureId = done.outcome.gatewayPaymentId;

    const opened = await fetch(`${simBase}/paypal/_control/dispute`, { method: 'POST', headers: auth, body: JSON.stringify({ capture_id: captureId, reason: 'UNAUTHORISED', amount: { currency_code: 'USD', value: '25.00' } }) });
    expect(opened.status).toBe(201);
    const dispute = (await opened.json()) as { dispute_id: string; status: string; seller_response_due_date: string };
    expect(dispute.status).toBe('WAITING_FOR_SELLER_RESPONSE');
    expect(new Date(dispute.seller_response_due_date).getTime() - Date.now()).toBeGreaterThan(9 * 86_400_000);
    const shown = await fetch(`${simBase}/paypal/v1/customer/disputes/${dispute.dispute_id}`, { headers: auth });
    expect(await shown.json()).toMatchObject({ dispute_id: dispute.dispute_id, dispute_amount: { value: '25.00' }, disputed_transactions: [{ seller_transaction_id: captureId }] });
    // Adjudication needs the dispute under review.
    const early = await fetch(`${simBase}/paypal/v1/customer/disputes/${dispute.dispute_id}/adjudicate`, { method: 'POST', headers: auth, body: JSON.stringify({ adjudication_outcome: 'BUYER_FAVOR' }) });
    expect(early.status).toBe(422);

    expect((await fetch(`${simBase}/paypal/_control/dispute-evidence`, { method: 'POST', headers: auth, body: JSON.stringify({ dispute_id: dispute.dispute_id }) })).status).toBe(200);
    const decided = await fetch(`${simBase}/paypal/v1/customer/disputes/${dispute.dispute_id}/adjudicate`, { method: 'POST', headers: auth, body: JSON.stringify({ adjudication_outcome: 'BUYER_FAVOR' }) });
    expect(await decided.json()).toMatchObject({ status: 'RESOLVED', dispute_outcome: { outcome_code: 'RESOLVED_BUYER_FAVOUR', amount_refunded: { value: '25.00' } } });
    expect((await m.gateway.refund({ gatewayPaymentId: captureId, amountMinor: 100, currency: 'USD', idempotencyKey: 'after', reason: null })).status).toBe('failed');

    const disputes = (await eventsOf(m)).filter((e) => e.type.startsWith('dispute.'));
    expect(disputes).toMatchObject([
      { type: 'dispute.created', gatewayDisputeId: dispute.dispute_id, status: 'needs_response', amountMinor: 2500, reason: 'UNAUTHORISED', evidenceDueBy: new Date(dispute.seller_response_due_date) },
      { type: 'dispute.updated', status: 'under_review', gatewayStatus: 'UNDER_REVIEW' },
      { type: 'dispute.closed', outcome: 'lost', lostMinor: 2500, gatewayStatus: 'RESOLVED_BUYER_FAVOUR' },
    ]);
    expect(sim.events(m.clientId).map((e) => e.event_type)).toContain('PAYMENT.CAPTURE.REVERSED');
  });

  it('lets a person open and decide a dispute from the disputes page', async () => {
    const m = await merchant();
    const { started, attemptId } = await startPayment(m, { amountMinor: 1500 });
    await buyer(started.redirectUrl, { action: 'approve' });
    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k' });
    if (done.outcome.status !== 'succeeded') throw new Error('capture failed');
    const captureId = done.outcome.gatewayPaymentId;
    expect(await (await fetch(`${simBase}/paypal/disputes`)).text()).toContain(captureId);
    const press = (form: Record<string, string>) => fetch(`${simBase}/paypal/disputes`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    expect((await press({ action: 'open', capture_id: captureId, value: '5.00' })).status).toBe(303);
    const [dispute] = [...sim.account(m.clientId)!.disputes.values()];
    expect(dispute).toMatchObject({ captureId, amount: { value: '5.00' }, status: 'WAITING_FOR_SELLER_RESPONSE' });
    await press({ action: 'evidence', dispute_id: dispute!.id });
    await press({ action: 'seller', dispute_id: dispute!.id });
    expect(dispute).toMatchObject({ status: 'RESOLVED', outcome: { outcome_code: 'RESOLVED_SELLER_FAVOUR' } });
    const again = await press({ action: 'buyer', dispute_id: dispute!.id });
    expect(decodeURIComponent(again.headers.get('location') ?? '')).toContain('already resolved');
    expect((await eventsOf(m)).filter((e) => e.type.startsWith('dispute.')).map((e) => e.type)).toEqual(['dispute.created', 'dispute.updated', 'dispute.closed']);
  });

  it('holds deliveries, then flushes them reversed and repeated; retries a failing endpoint', async () => {
    const m = await merchant();
    const hold = await fetch(`${simBase}/paypal/_control/delivery-mode`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'hold' }) });
    expect(hold.status).toBe(200);
    const { started, attemptId } = await startPayment(m, { save: true });
    await buyer(started.redirectUrl, { action: 'approve', save: 'on' });
    await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId, idempotencyKey: 'k' });
    await sim.idle();
    expect(m.deliveries()).toHaveLength(0);

    const flushed = await fetch(`${simBase}/paypal/_control/flush?client_id=${m.clientId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'reverse', repeat: 3 }) });
    expect(await flushed.json()).toEqual({ transmissions: 9 });
    const types = m.deliveries().map((d) => (JSON.parse(d.rawBody) as { event_type: string }).event_type);
    expect(types.slice(0, 3)).toEqual(['PAYMENT.CAPTURE.COMPLETED', 'VAULT.PAYMENT-TOKEN.CREATED', 'CHECKOUT.ORDER.APPROVED']);
    expect(types).toHaveLength(9);
    const events = await eventsOf(m);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    // Every transmission is signed on its own, so duplicates verify too (and must be deduped by event id).
    expect(new Set(m.deliveries().map((d) => d.headers['paypal-transmission-id'])).size).toBe(9);

    sim.setDeliveryMode(m.clientId, 'immediate');
    failFirst.set(m.hookPath, 2);
    await m.gateway.refund({ gatewayPaymentId: (events.find((e) => e.type === 'payment.succeeded') as { gatewayPaymentId: string }).gatewayPaymentId, amountMinor: 100, currency: 'USD', idempotencyKey: 'r', reason: null });
    await sim.idle();
    const refundDelivery = sim.deliveries(m.clientId).find((d) => sim.events(m.clientId).find((e) => e.id === d.eventId)?.event_type === 'PAYMENT.CAPTURE.REFUNDED');
    expect(refundDelivery?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it('saves PayPal without a payment, lists it and removes it', async () => {
    const m = await merchant();
    const cus = customer();
    const started = await m.gateway.startSaveMethod({ customer: cus, currency: 'EUR', returnUrl: 'http://app.test/methods/return', cancelUrl: 'http://app.test/methods', attemptId: 'txn_save1' });
    expect(started.redirectUrl).toContain('/paypal/agreements/approve?approval_session_id=');
    const { status, location, html } = await buyer(started.redirectUrl, { email: 'saver@example.com', action: 'approve' });
    expect(html).toContain('Save PayPal (sandbox)');
    expect(status).toBe(303);
    expect(new URL(location ?? '').searchParams.get('approval_token_id')).toBe(started.gatewayRef);

    const done = await m.gateway.completeRedirect({ gatewayRef: started.gatewayRef, attemptId: 'txn_save1', idempotencyKey: 'save-1' });
    expect(done.outcome).toMatchObject({ status: 'succeeded', amountMinor: 0 });
    expect(done.savedMethod).toMatchObject({ kind: 'paypal', label: 'saver@example.com' });
    expect(done.gatewayCustomerId).toBe(cus.customerPublicId);

    const list = await fetch(`${simBase}/paypal/v3/vault/payment-tokens?customer_id=${cus.customerPublicId}`, { headers: { authorization: `Bearer ${m.token}` } });
    expect(((await list.json()) as { payment_tokens: unknown[] }).payment_tokens).toHaveLength(1);

    await m.gateway.removeMethod({ gatewayCustomerId: cus.customerPublicId, gatewayMethodId: done.savedMethod?.gatewayMethodId ?? '' });
    await m.gateway.removeMethod({ gatewayCustomerId: cus.customerPublicId, gatewayMethodId: done.savedMethod?.gatewayMethodId ?? '' });
    const events = await eventsOf(m);
    expect(events.map((e) => e.type).sort()).toEqual(['method.removed', 'method.saved']);
  });

  it('fails clearly on bad credentials', async () => {
    const m = await merchant();
    const wrong = createPaypalGateway({ clientId: m.clientId, clientSecret: 'not-the-secret', webhookId: m.webhookId, environment: 'sandbox', apiBase: `${simBase}/paypal` }, digitsOf);
    const attempt = wrong.startInvoicePayment({
      customer: customer(), invoicePublicId: 'inv_x', invoiceNumber: 'X', amountMinor: 100, currency: 'USD', savePaymentMethod: false,
      returnUrl: 'http://app.test/r', cancelUrl: 'http://app.test/c', attemptId: 'txn_x',
    });
    await expect(attempt).rejects.toBeInstanceOf(GatewayUnavailableError);
    await expect(attempt).rejects.toThrow(/client id\/secret/);
  });

  it('shows the index and the event log', async () => {
    const index = await fetch(`${simBase}/paypal`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('checkoutnow');
    const log = await fetch(`${simBase}/paypal/events`);
    expect(await log.text()).toContain('PAYMENT.CAPTURE.COMPLETED');
  });
});
