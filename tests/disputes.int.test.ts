import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Storefront } from '@/db/schema/central';
import { adminAlerts, auditLog, emailOutbox, invoiceNotices, invoicePayments, invoices, paymentDisputes, paymentTransactions, services } from '@/db/schema/storefront';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { placeOrder } from '@/lib/orders/place-order';
import { completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { refundPayment } from '@/lib/payments/refund-payment';
import { registerPaypalWebhook } from '@/lib/payments/gateways/paypal/register-webhook';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings, savePaymentSettings } from '@/lib/settings/payment-settings';
import { readBody } from '@/sandbox/shared/http';
import type { SandboxHandle } from '@/sandbox/server';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// Disputes end to end: the simulators open, answer and decide them; their signed webhooks go through our real
// webhook route, in order, out of order and repeated. A VPS Starter month is 6.00 EUR net + 19 % German VAT
// (1.14) = 7.14 EUR: 714 minor units, the order's one invoice.

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
let hookServer: Server;
const paypalDeliveries: { headers: Record<string, string>; rawBody: string; eventType: string; disputeId: string | null }[] = [];
const system = { type: 'system' as const, label: 'test' };
const SECRET_KEY = 'sk_test_sandbox_shop';
const DAY = 86_400_000;
const TOTAL = 714;
let n = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  const u = new URL(sandbox.url);
  stripe = new Stripe(SECRET_KEY, { host: u.hostname, port: u.port, protocol: 'http', telemetry: false });
  // Stripe's events stay with the stand-in; each test delivers them itself, signed as Stripe signs them.
  await stripeControl('delivery', { mode: 'hold' });
  // PayPal's go to a local receiver the test replays from, headers and all (the verify call needs them).
  hookServer = createServer((req: IncomingMessage, res) => {
    void readBody(req).then((rawBody) => {
      const event = JSON.parse(rawBody) as { event_type: string; resource: { dispute_id?: string } };
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('paypal-')).map(([k, v]) => [k, String(v)]));
      paypalDeliveries.push({ headers, rawBody, eventType: event.event_type, disputeId: event.resource.dispute_id ?? null });
      res.writeHead(200).end();
    });
  });
  const hookBase = await new Promise<string>((resolve) => hookServer.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(hookServer.address() as AddressInfo).port}`)));
  const { webhookId } = await registerPaypalWebhook({ clientId: 'sandbox-shop', clientSecret: 'sandbox-secret-shop', environment: 'sandbox', apiBase: `${sandbox.url}/paypal` }, `${hookBase}/hook`);
  await savePaymentSettings(db, { paypal: { enabled: true, environment: 'sandbox', clientId: '', clientSecret: '', webhookId } });
});
afterAll(async () => {
  hookServer?.closeAllConnections();
  await new Promise((r) => hookServer?.close(r));
  await t?.cleanup();
  await sandbox?.close();
});

async function stripeControl(what: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.url}/stripe/_control/${what}`, { method: 'POST', headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

async function paypalControl(what: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.url}/paypal/_control/${what}?client_id=sandbox-shop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** A new customer orders a VPS Starter month and pays its invoice on the gateway's hosted page. */
async function paidOrder(gateway: 'stripe' | 'paypal') {
  n += 1;
  const c = await createCustomer(db, { input: { email: `dispute${n}@example.com`, name: `Dispute ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const plan = await planOrThrow(db, 'vps-starter');
  const os = vpsOptions(plan).os;
  const placed = await placeOrder(db, {
    storefrontId: storefront.id,
    customerId: c.id,
    cart: { currency: 'EUR', country: null, items: [{ id: 'a', item: { planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: `d${n}.example.com` } } }], couponCodes: [] },
    ip: null,
    actor: system,
    now: new Date(),
  });
  const paid = await payOnline(c.id, placed.invoicePublicId, gateway);
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  expect(inv).toMatchObject({ status: 'paid', totalMinor: TOTAL, paidMinor: TOTAL });
  const [service] = await db.select().from(services).where(eq(services.customerId, c.id));
  expect(service!.status).toBe('active');
  return { customerId: c.id, invoice: inv!, charge: paid, serviceId: service!.id };
}

/** Pays what an invoice has due through the hosted page, as the customer would; returns the charge. */
async function payOnline(customerId: number, invoicePublicId: string, gateway: 'stripe' | 'paypal') {
  const started = await startInvoicePayment(db, { storefront, customerId, input: { invoicePublicId, gateway, savePaymentMethod: false }, actor: system });
  const form: Record<string, string> = gateway === 'stripe' ? { card_number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Dispute Tester' } : { email: `buyer${n}@example.com`, action: 'approve' };
  const res = await fetch(started.redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  expect(res.status).toBe(303);
  expect(await completeHostedPayment(db, { storefront, customerId, attemptId: started.attemptId, actor: system, now: new Date() })).toMatchObject({ status: 'succeeded' });
  const [charge] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, started.attemptId));
  return charge!;
}

function deliverStripe(payload: string, signature: string) {
  const req = new Request('http://account.shop.test/api/webhooks/stripe', { method: 'POST', headers: { host: 'account.shop.test', 'stripe-signature': signature, 'content-type': 'application/json' }, body: payload });
  return webhookRoute(req, { params: Promise.resolve({ gateway: 'stripe' }) });
}

/** Stripe's events about one dispute, oldest first, signed with our endpoint's secret. */
async function stripeEventsOf(disputeId: string): Promise<{ id: string; type: string; deliver: () => Promise<Response> }[]> {
  const secret = decryptSecret((await getPaymentSettings(db)).stripe.webhookSecret);
  const events = (await stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id?: string }).id === disputeId).reverse();
  return events.map((e) => {
    const payload = JSON.stringify(e);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    return { id: e.id, type: e.type, deliver: () => deliverStripe(payload, header) };
  });
}

async function deliverAll(events: { deliver: () => Promise<Response> }[]): Promise<void> {
  for (const e of events) expect((await e.deliver()).status).toBe(200);
}

/** PayPal's deliveries about one dispute, in arrival order, once they number `atLeast`. */
async function paypalEventsOf(disputeId: string, atLeast: number) {
  for (let i = 0; i < 100 && paypalDeliveries.filter((d) => d.disputeId === disputeId).length < atLeast; i++) await new Promise((r) => setTimeout(r, 50));
  return paypalDeliveries
    .filter((d) => d.disputeId === disputeId)
    .map((d) => ({
      type: d.eventType,
      deliver: () =>
        webhookRoute(new Request('http://account.shop.test/api/webhooks/paypal', { method: 'POST', headers: { host: 'account.shop.test', 'content-type': 'application/json', ...d.headers }, body: d.rawBody }), {
          params: Promise.resolve({ gateway: 'paypal' }),
        }),
    }));
}

const disputeOf = async (gatewayDisputeId: string) => (await db.select().from(paymentDisputes).where(eq(paymentDisputes.gatewayDisputeId, gatewayDisputeId)))[0];
const invoiceOf = async (id: number) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
const alertsFor = async (gatewayDisputeId: string) => (await db.select().from(adminAlerts).orderBy(asc(adminAlerts.id))).filter((a) => a.body.includes(gatewayDisputeId));
const auditsOf = (targetType: string, targetId: string) => db.select().from(auditLog).where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId))).orderBy(asc(auditLog.id));
const chargebacksOf = (invoiceId: number) => db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, invoiceId), eq(paymentTransactions.kind, 'chargeback')));
const paymentsOf = async (invoiceId: number) => (await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoiceId)).orderBy(asc(invoicePayments.id))).map((p) => p.amountMinor);

/** Everything a replay must leave alone. */
async function snapshot(invoiceId: number, gatewayDisputeId: string) {
  const d = await disputeOf(gatewayDisputeId);
  const [events] = await db.select({ n: count() }).from(auditLog);
  const [alerts] = await db.select({ n: count() }).from(adminAlerts);
  const [txns] = await db.select({ n: count() }).from(paymentTransactions);
  return { dispute: d, invoice: await invoiceOf(invoiceId), payments: await paymentsOf(invoiceId), audits: events!.n, alerts: alerts!.n, txns: txns!.n };
}

describe('Stripe disputes through the webhook route', () => {
  it('created → updated (evidence due date stored) → closed won: the invoice is restored and staff told', async () => {
    const order = await paidOrder('stripe');
    const opened = await stripeControl('dispute', { payment_intent: order.charge.gatewayPaymentId, reason: 'fraudulent' });
    const disputeId = opened.id as string;
    const dueBy = new Date(((opened.evidence_details as { due_by: number }).due_by) * 1000);
    await deliverAll(await stripeEventsOf(disputeId));

    const open = await disputeOf(disputeId);
    expect(open).toMatchObject({ gateway: 'stripe', status: 'needs_response', gatewayStatus: 'needs_response', outcome: null, amountMinor: TOTAL, currency: 'EUR', reason: 'fraudulent', invoiceId: order.invoice.id, transactionId: order.charge.id, evidenceDueBy: dueBy });
    expect(open!.publicId).toMatch(/^dsp_/);
    expect((await invoiceOf(order.invoice.id)).disputedAt).not.toBeNull();
    const [openedAlert] = await alertsFor(disputeId);
    expect(openedAlert).toMatchObject({ severity: 'critical', title: `Dispute on invoice ${order.invoice.number}` });
    expect(openedAlert!.body).toContain(`Evidence is due by ${dueBy.toISOString().slice(0, 16).replace('T', ' ')} UTC`);

    await stripeControl('dispute_evidence', { dispute: disputeId });
    await deliverAll((await stripeEventsOf(disputeId)).filter((e) => e.type === 'charge.dispute.updated'));
    expect(await disputeOf(disputeId)).toMatchObject({ status: 'under_review', gatewayStatus: 'under_review', evidenceDueBy: dueBy });

    await stripeControl('dispute_close', { dispute: disputeId, outcome: 'won' });
    await deliverAll((await stripeEventsOf(disputeId)).filter((e) => e.type === 'charge.dispute.closed' || e.type === 'charge.dispute.funds_reinstated'));
    const won = await disputeOf(disputeId);
    expect(won).toMatchObject({ status: 'closed', outcome: 'won', gatewayStatus: 'won', chargedBackMinor: 0, reversalTransactionId: null, evidenceDueBy: dueBy });
    expect(won!.closedAt).not.toBeNull();
    expect(await invoiceOf(order.invoice.id)).toMatchObject({ status: 'paid', paidMinor: TOTAL, disputedAt: null });
    expect(await chargebacksOf(order.invoice.id)).toEqual([]);
    expect((await alertsFor(disputeId)).map((a) => [a.severity, a.title])).toEqual([
      ['critical', `Dispute on invoice ${order.invoice.number}`],
      ['info', `Dispute won on invoice ${order.invoice.number}`],
    ]);
    expect((await auditsOf('dispute', won!.publicId)).map((a) => a.action)).toEqual(['dispute.opened', 'dispute.updated', 'dispute.won']);
  });

  it('created → closed lost: the payment is reversed, the invoice is due again and the billing pass suspends the service after the grace', async () => {
    const order = await paidOrder('stripe');
    // The bank takes back 2.00 of the 7.14 (plus Stripe's 15.00 fee, which stays the merchant's cost).
    const opened = await stripeControl('dispute', { payment_intent: order.charge.gatewayPaymentId, reason: 'product_unacceptable', amount: 200 });
    const disputeId = opened.id as string;
    await deliverAll(await stripeEventsOf(disputeId));
    await stripeControl('dispute_close', { dispute: disputeId, outcome: 'lost' });
    await deliverAll((await stripeEventsOf(disputeId)).filter((e) => e.type === 'charge.dispute.closed'));

    const lost = await disputeOf(disputeId);
    expect(lost).toMatchObject({ status: 'closed', outcome: 'lost', gatewayStatus: 'lost', chargedBackMinor: 200 });
    // 714 paid − 200 taken back = 514 paid; 714 − 514 = 200 due, not 1,700.
    const inv = await invoiceOf(order.invoice.id);
    expect(inv).toMatchObject({ status: 'unpaid', paidMinor: 514, paidAt: null, refundedMinor: 0 });
    expect(inv.totalMinor - inv.paidMinor).toBe(200);
    expect(inv.disputedAt).not.toBeNull();
    expect(await paymentsOf(order.invoice.id)).toEqual([714, -200]);
    const [chargeback] = await chargebacksOf(order.invoice.id);
    expect(chargeback).toMatchObject({ kind: 'chargeback', flow: 'dispute', status: 'succeeded', amountMinor: 200, currency: 'EUR', parentId: order.charge.id, gatewayPaymentId: disputeId, gateway: 'stripe' });
    expect(lost!.reversalTransactionId).toBe(chargeback!.id);
    const lostAlert = (await alertsFor(disputeId)).find((a) => a.title.startsWith('Dispute lost'));
    expect(lostAlert).toMatchObject({ severity: 'critical', title: `Dispute lost on invoice ${order.invoice.number}` });
    expect(lostAlert!.body).toMatch(/2,00\s€ came off/);
    expect((await auditsOf('invoice', order.invoice.publicId)).map((a) => a.action)).toContain('invoice.charged_back');
    expect((await auditsOf('dispute', lost!.publicId)).map((a) => a.action)).toEqual(['dispute.opened', 'dispute.lost']);

    // Due today and already paid once: overdue at once, suspended once the 3-day grace has passed.
    expect(inv.dueOn).toBe(new Date().toISOString().slice(0, 10));
    const at = (days: number) => new Date(Date.now() + days * DAY);
    await runBillingPass(db, { storefrontId: storefront.id, at: at(2) });
    expect((await db.select().from(services).where(eq(services.id, order.serviceId)))[0]!.status).toBe('active');
    expect((await db.select().from(invoiceNotices).where(eq(invoiceNotices.invoiceId, inv.id))).map((r) => r.kind)).toContain('overdue_1');
    const report = await runBillingPass(db, { storefrontId: storefront.id, at: at(4) });
    expect(report.suspended.services).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(services).where(eq(services.id, order.serviceId)))[0]).toMatchObject({ status: 'suspended', suspensionReason: 'overdue' });
    const [customerEmail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'service-suspended'), eq(emailOutbox.toAddress, `dispute${n}@example.com`)));
    expect(customerEmail).toBeDefined();

    // Paying the 2.00 again settles the invoice and brings the service back.
    const repaid = await payOnline(order.customerId, inv.publicId, 'stripe');
    expect(repaid.amountMinor).toBe(200);
    expect(await invoiceOf(inv.id)).toMatchObject({ status: 'paid', paidMinor: TOTAL });
    expect(await paymentsOf(inv.id)).toEqual([714, -200, 200]);
    expect((await db.select().from(services).where(eq(services.id, order.serviceId)))[0]).toMatchObject({ status: 'active', suspensionReason: null });
  });

  it('acts on the current state whatever order the events come in, and a replay changes nothing', async () => {
    const order = await paidOrder('stripe');
    const opened = await stripeControl('dispute', { payment_intent: order.charge.gatewayPaymentId, reason: 'fraudulent' });
    const disputeId = opened.id as string;
    await stripeControl('dispute_evidence', { dispute: disputeId });
    await stripeControl('dispute_close', { dispute: disputeId, outcome: 'lost' });
    const events = await stripeEventsOf(disputeId);
    expect(events.map((e) => e.type)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn', 'charge.dispute.updated', 'charge.dispute.closed']);

    // Newest first: "closed" opens and closes the row; the older events then find it closed.
    await deliverAll([...events].reverse());
    expect(await disputeOf(disputeId)).toMatchObject({ status: 'closed', outcome: 'lost', chargedBackMinor: TOTAL });
    expect(await invoiceOf(order.invoice.id)).toMatchObject({ status: 'unpaid', paidMinor: 0 });
    expect(await paymentsOf(order.invoice.id)).toEqual([714, -714]);

    const before = await snapshot(order.invoice.id, disputeId);
    for (let i = 0; i < 3; i++) await deliverAll(events);
    await Promise.all(events.flatMap((e) => [e.deliver(), e.deliver()]));
    expect(await snapshot(order.invoice.id, disputeId)).toEqual(before);
    expect(await chargebacksOf(order.invoice.id)).toHaveLength(1);
  });

  it('never takes back more than the invoice still holds of a refunded payment', async () => {
    const order = await paidOrder('stripe');
    // 5.00 refunded already; the bank then takes the whole 7.14 back: only 2.14 was still ours.
    await stripe.refunds.create({ payment_intent: order.charge.gatewayPaymentId!, amount: 500 });
    await deliverAll(
      (await (async () => {
        const secret = decryptSecret((await getPaymentSettings(db)).stripe.webhookSecret);
        return (await stripe.events.list({ limit: 100, type: 'charge.refunded' })).data.slice(0, 1).map((e) => {
          const payload = JSON.stringify(e);
          return { deliver: () => deliverStripe(payload, stripe.webhooks.generateTestHeaderString({ payload, secret })) };
        });
      })()),
    );
    expect(await invoiceOf(order.invoice.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 500 });
    const opened = await stripeControl('dispute', { payment_intent: order.charge.gatewayPaymentId, reason: 'duplicate' });
    await stripeControl('dispute_close', { dispute: opened.id, outcome: 'lost' });
    await deliverAll(await stripeEventsOf(opened.id as string));
    expect(await disputeOf(opened.id as string)).toMatchObject({ chargedBackMinor: 214 });
    // 714 − 214 = 500 paid, 500 refunded: 214 due, which is what the customer took back.
    const inv = await invoiceOf(order.invoice.id);
    expect(inv).toMatchObject({ status: 'unpaid', paidMinor: 500, refundedMinor: 500 });
    expect(inv.totalMinor - inv.paidMinor).toBe(214);
    // Paid again, it is a partly refunded invoice once more.
    await payOnline(order.customerId, inv.publicId, 'stripe');
    expect(await invoiceOf(inv.id)).toMatchObject({ status: 'partially_refunded', paidMinor: TOTAL, refundedMinor: 500 });
  });


  it('a refund after a lost dispute counts against what the invoice still holds, and it stays due', async () => {
    const order = await paidOrder('stripe');
    const opened = await stripeControl('dispute', { payment_intent: order.charge.gatewayPaymentId, reason: 'fraudulent', amount: 200 });
    await stripeControl('dispute_close', { dispute: opened.id, outcome: 'lost' });
    await deliverAll(await stripeEventsOf(opened.id as string));
    const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
    // 714 − 200 taken back leaves 514 of the charge: more than that can't be refunded.
    await expect(refundPayment(db, { storefront, input: { paymentPublicId: order.charge.publicId, amountMinor: 515, reason: 'goodwill' }, actor: staff })).rejects.toThrow(/At most 5,14\s€/);
    expect((await refundPayment(db, { storefront, input: { paymentPublicId: order.charge.publicId, amountMinor: 300, reason: 'goodwill' }, actor: staff })).status).toBe('succeeded');
    const inv = await invoiceOf(order.invoice.id);
    expect(inv).toMatchObject({ status: 'unpaid', paidMinor: 514, refundedMinor: 300 });
    expect(inv.totalMinor - inv.paidMinor).toBe(200);
  });
});

describe('PayPal disputes through the webhook route', () => {
  it('CREATED → UPDATED → RESOLVED in the seller’s favour: the invoice is restored', async () => {
    const order = await paidOrder('paypal');
    const opened = await paypalControl('dispute', { capture_id: order.charge.gatewayPaymentId, reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED' });
    const disputeId = opened.dispute_id as string;
    await deliverAll(await paypalEventsOf(disputeId, 1));
    expect(await disputeOf(disputeId)).toMatchObject({ gateway: 'paypal', status: 'needs_response', gatewayStatus: 'WAITING_FOR_SELLER_RESPONSE', amountMinor: TOTAL, evidenceDueBy: new Date(opened.seller_response_due_date as string) });
    expect((await invoiceOf(order.invoice.id)).disputedAt).not.toBeNull();

    await paypalControl('dispute-evidence', { dispute_id: disputeId });
    await deliverAll((await paypalEventsOf(disputeId, 2)).slice(1));
    expect(await disputeOf(disputeId)).toMatchObject({ status: 'under_review', gatewayStatus: 'UNDER_REVIEW' });

    await paypalControl('dispute-resolve', { dispute_id: disputeId, outcome: 'SELLER_FAVOR' });
    await deliverAll((await paypalEventsOf(disputeId, 3)).slice(2));
    expect(await disputeOf(disputeId)).toMatchObject({ status: 'closed', outcome: 'won', gatewayStatus: 'RESOLVED_SELLER_FAVOUR', chargedBackMinor: 0 });
    expect(await invoiceOf(order.invoice.id)).toMatchObject({ status: 'paid', paidMinor: TOTAL, disputedAt: null });
  });

  it('RESOLVED for the buyer before CREATED: reversed once, and a late CREATED or UPDATED does not reopen it', async () => {
    const order = await paidOrder('paypal');
    const opened = await paypalControl('dispute', { capture_id: order.charge.gatewayPaymentId, reason: 'UNAUTHORISED', amount: { currency_code: 'EUR', value: '3.00' } });
    const disputeId = opened.dispute_id as string;
    await paypalControl('dispute-evidence', { dispute_id: disputeId });
    await paypalControl('dispute-resolve', { dispute_id: disputeId, outcome: 'BUYER_FAVOR' });
    const events = await paypalEventsOf(disputeId, 3);
    expect(events.map((e) => e.type)).toEqual(['CUSTOMER.DISPUTE.CREATED', 'CUSTOMER.DISPUTE.UPDATED', 'CUSTOMER.DISPUTE.RESOLVED']);
    await deliverAll([events[2]!, events[0]!, events[1]!]);

    expect(await disputeOf(disputeId)).toMatchObject({ status: 'closed', outcome: 'lost', gatewayStatus: 'RESOLVED_BUYER_FAVOUR', chargedBackMinor: 300 });
    // 714 − 300 = 414 paid: 3.00 due.
    expect(await invoiceOf(order.invoice.id)).toMatchObject({ status: 'unpaid', paidMinor: 414 });
    expect(await paymentsOf(order.invoice.id)).toEqual([714, -300]);
    const before = await snapshot(order.invoice.id, disputeId);
    for (let i = 0; i < 2; i++) await deliverAll(events);
    expect(await snapshot(order.invoice.id, disputeId)).toEqual(before);
    expect(await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.kind, 'chargeback'), inArray(paymentTransactions.gatewayPaymentId, [disputeId])))).toHaveLength(1);
  });
});
