import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { adminAlerts, customers, emailOutbox, gatewayWebhookEvents, invoicePayments, invoices, paymentMethods, paymentTransactions, services } from '@/db/schema/storefront';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { placeOrder } from '@/lib/orders/place-order';
import { completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { refundPayment } from '@/lib/payments/refund-payment';
import { gatewayFor } from '@/lib/payments/resolve-gateway';
import { settleCharge } from '@/lib/payments/settle-charge';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';
import { createTransaction, gatewayCustomerIdOf } from '@/lib/payments/transactions';
import type { Storefront } from '@/db/schema/central';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupStripeShop, type StripeShop } from './factories/stripe-shop';

let shop: StripeShop;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
const system = { type: 'system' as const, label: 'test' };

beforeAll(async () => {
  // Nothing reaches shop.test from here: the test delivers Stripe's events itself, signed like Stripe signs them.
  shop = await setupStripeShop();
  ({ db, storefront, stripe } = shop);
});
afterAll(async () => {
  await shop?.cleanup();
});

async function newCustomerWithInvoice(email: string) {
  const c = await createCustomer(db, { input: { email, name: 'Pay Tester', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const plan = await planOrThrow(db, 'vps-starter');
  const os = vpsOptions(plan).os;
  const placed = await placeOrder(db, {
    storefrontId: storefront.id,
    customerId: c.id,
    cart: { currency: 'EUR', country: null, items: [{ id: 'a', item: { planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: 'pay.example.com' } } }], couponCodes: [] },
    ip: null,
    actor: system,
    now: new Date(),
  });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  return { customerId: c.id, invoice: inv! };
}

/** A customer whose order invoice was paid on the hosted page by card (saved for renewals), every event delivered. */
async function paidByCard(email: string) {
  const paid = await newCustomerWithInvoice(email);
  const started = await startInvoicePayment(db, { storefront, customerId: paid.customerId, input: { invoicePublicId: paid.invoice.publicId, gateway: 'stripe', savePaymentMethod: true }, actor: system });
  expect((await shop.submitCard(started.redirectUrl, '4242 4242 4242 4242', 'Pay Tester')).status).toBe(303);
  for (const e of await shop.signedEvents()) await shop.deliver(e.payload, e.header);
  const [charge] = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, paid.invoice.id), eq(paymentTransactions.kind, 'charge')));
  expect(charge).toMatchObject({ status: 'succeeded' });
  return { ...paid, charge: charge! };
}

const rows = async (table: typeof invoicePayments | typeof paymentTransactions | typeof paymentMethods | typeof gatewayWebhookEvents) => (await db.select({ n: count() }).from(table))[0]!.n;

describe('Stripe payments against the sandbox stand-in', () => {
  it('pays an invoice on the hosted page exactly once, however often and in whatever order Stripe reports it', async () => {
    const paid = await newCustomerWithInvoice('card@example.com');
    const started = await startInvoicePayment(db, { storefront, customerId: paid.customerId, input: { invoicePublicId: paid.invoice.publicId, gateway: 'stripe', savePaymentMethod: true }, actor: system });
    const res = await shop.submitCard(started.redirectUrl, '4242 4242 4242 4242', 'Pay Tester');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`/invoices/${paid.invoice.publicId}/payment-return?attempt=${started.attemptId}`);

    const events = await shop.signedEvents();
    // Events of payments other tests made may be in the list too: those were claimed before this test.
    const seenBefore = new Set((await db.select({ eventId: gatewayWebhookEvents.eventId }).from(gatewayWebhookEvents)).map((r) => r.eventId.split(':')[0]));
    const claimedBefore = await rows(gatewayWebhookEvents);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['checkout.session.completed', 'payment_intent.succeeded']));
    // Twenty deliveries of every event, newest first: one payment, one saved card, one claim per event.
    for (let i = 0; i < 20; i++) {
      for (const e of [...events].reverse()) expect((await shop.deliver(e.payload, e.header)).status).toBe(200);
    }
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id));
    expect(inv!.status).toBe('paid');
    expect(inv!.paidMinor).toBe(paid.invoice.totalMinor);
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, paid.invoice.id))).toHaveLength(1);
    const [attempt] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, started.attemptId));
    expect(attempt).toMatchObject({ status: 'succeeded', amountMinor: paid.invoice.totalMinor, currency: 'EUR' });
    expect(attempt!.feeMinor).toBeGreaterThan(0);
    const methods = await db.select().from(paymentMethods).where(eq(paymentMethods.customerId, paid.customerId));
    expect(methods).toHaveLength(1);
    expect(methods[0]).toMatchObject({ brand: 'visa', last4: '4242', isDefault: true });
    expect(await rows(gatewayWebhookEvents)).toBe(claimedBefore + events.filter((e) => !seenBefore.has(e.id)).length);
    // The customer's return afterwards finds it done.
    const back = await completeHostedPayment(db, { storefront, customerId: paid.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    expect(back).toMatchObject({ status: 'succeeded', invoicePaid: true });
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, paid.invoice.id))).toHaveLength(1);
  });

  it('answers 400 to a bad signature and changes nothing', async () => {
    await paidByCard('signature@example.com');
    const before = await Promise.all([rows(invoicePayments), rows(paymentTransactions), rows(gatewayWebhookEvents)]);
    const [e] = await shop.signedEvents();
    const tampered = e!.payload.replace('"livemode":false', '"livemode":true');
    const res = await shop.deliver(tampered, e!.header);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/signature/i);
    expect((await shop.deliver(e!.payload, 't=1,v1=deadbeef')).status).toBe(400);
    expect(await Promise.all([rows(invoicePayments), rows(paymentTransactions), rows(gatewayWebhookEvents)])).toEqual(before);
  });

  it('leaves the invoice unpaid when the card is declined, with the reason on the attempt', async () => {
    const other = await newCustomerWithInvoice('declined@example.com');
    const started = await startInvoicePayment(db, { storefront, customerId: other.customerId, input: { invoicePublicId: other.invoice.publicId, gateway: 'stripe', savePaymentMethod: false }, actor: system });
    const res = await shop.submitCard(started.redirectUrl, '4000 0000 0000 9995', 'Pay Tester');
    expect(await res.text()).toMatch(/insufficient funds/i);
    for (const e of await shop.signedEvents()) await shop.deliver(e.payload, e.header);
    const [attempt] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, started.attemptId));
    expect(attempt).toMatchObject({ status: 'failed' });
    expect(attempt!.failureReason).toMatch(/insufficient funds/i);
    expect((await db.select().from(invoices).where(eq(invoices.id, other.invoice.id)))[0]!.status).toBe('unpaid');
  });

  it('refunds part of a payment from the admin panel: the transaction is recorded and the invoice updated, once', async () => {
    const paid = await paidByCard('refund@example.com');
    const charge = paid.charge;
    const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
    await expect(refundPayment(db, { storefront, input: { paymentPublicId: charge.publicId, amountMinor: charge.amountMinor + 1, reason: 'too much' }, actor: staff })).rejects.toThrow(/At most/);
    const r = await refundPayment(db, { storefront, input: { paymentPublicId: charge.publicId, amountMinor: 100, reason: 'goodwill' }, actor: staff });
    expect(r.status).toBe('succeeded');
    for (const e of await shop.signedEvents()) await shop.deliver(e.payload, e.header);
    const refunds = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.parentId, charge.id), eq(paymentTransactions.kind, 'refund')));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: 'succeeded', amountMinor: 100 });
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id));
    expect(inv).toMatchObject({ status: 'partially_refunded', refundedMinor: 100 });
    expect((await stripe.refunds.list({ payment_intent: charge.gatewayPaymentId! })).data).toHaveLength(1);
  });

  it('flags a disputed invoice and alerts staff', async () => {
    const paid = await paidByCard('dispute@example.com');
    const charge = paid.charge;
    await shop.control('dispute', { payment_intent: charge.gatewayPaymentId, reason: 'fraudulent' });
    for (const e of await shop.signedEvents()) await shop.deliver(e.payload, e.header);
    expect((await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id)))[0]!.disputedAt).not.toBeNull();
    expect(await db.select().from(adminAlerts).where(eq(adminAlerts.category, 'payments'))).toEqual(expect.arrayContaining([expect.objectContaining({ title: expect.stringContaining('Dispute') })]));
  });
});

describe('PayPal', () => {
  it('captures an approved order the customer never came back from, on the next billing pass', async () => {
    const buyer = await newCustomerWithInvoice('paypal-tab-closed@example.com');
    const started = await startInvoicePayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicId: buyer.invoice.publicId, gateway: 'paypal', savePaymentMethod: true }, actor: system });
    expect(started.redirectUrl).toContain('/paypal/checkoutnow?token=');
    const approved = await fetch(started.redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'buyer@example.com', save: 'on', action: 'approve' }).toString(),
    });
    expect(approved.status).toBe(303);
    // The tab is closed: no return page. A pass within the quiet period leaves it; the one after captures it.
    const attemptAt = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, started.attemptId)))[0]!.createdAt;
    await runBillingPass(db, { storefrontId: storefront.id, at: new Date(attemptAt.getTime() + 60_000) });
    expect((await db.select().from(invoices).where(eq(invoices.id, buyer.invoice.id)))[0]!.status).toBe('unpaid');
    const report = await runBillingPass(db, { storefrontId: storefront.id, at: new Date(attemptAt.getTime() + 20 * 60_000) });
    expect(report.collected.hosted_reconcile).toEqual({ invoices: 1, amountMinor: buyer.invoice.totalMinor });
    expect((await db.select().from(invoices).where(eq(invoices.id, buyer.invoice.id)))[0]!.status).toBe('paid');
    const [method] = await db.select().from(paymentMethods).where(eq(paymentMethods.customerId, buyer.customerId));
    expect(method).toMatchObject({ gateway: 'paypal', kind: 'paypal', label: 'buyer@example.com', isDefault: true });
    // The customer's late return finds it done: one capture, one payment.
    await completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, buyer.invoice.id))).toHaveLength(1);
  });
});

describe('amounts come from our invoice', () => {
  it('keeps a payment in the wrong amount or currency off the invoice and alerts staff', async () => {
    const buyer = await newCustomerWithInvoice('mismatch@example.com');
    for (const [i, wrong] of [{ amountMinor: buyer.invoice.totalMinor - 1, currency: 'EUR' }, { amountMinor: buyer.invoice.totalMinor, currency: 'USD' }].entries()) {
      const attempt = await createTransaction(db, { customerId: buyer.customerId, invoiceId: buyer.invoice.id, gateway: 'stripe', kind: 'charge', flow: 'hosted', currency: 'EUR', amountMinor: buyer.invoice.totalMinor });
      const r = await settleCharge(db, { storefrontId: storefront.id, transactionId: attempt.id, outcome: { status: 'succeeded', gatewayPaymentId: `pi_wrong_${i}`, gatewayChargeId: null, feeMinor: null, ...wrong }, actor: system, now: new Date() });
      expect(r).toMatchObject({ status: 'succeeded', invoicePaid: false });
      const [row] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.id, attempt.id));
      expect(row!.failureCode).toBe('amount_mismatch');
    }
    expect((await db.select().from(invoices).where(eq(invoices.id, buyer.invoice.id)))[0]).toMatchObject({ status: 'unpaid', paidMinor: 0 });
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, buyer.invoice.id))).toHaveLength(0);
    expect((await db.select().from(adminAlerts).where(eq(adminAlerts.severity, 'critical'))).filter((a) => a.title.includes('does not match'))).toHaveLength(2);
  });
});

describe('renewals charged without the customer', () => {
  it('charges the saved default card when a renewal falls due', async () => {
    await paidByCard('renewal-card@example.com');
    const [row] = await db.select().from(services).innerJoin(customers, eq(customers.id, services.customerId)).where(eq(customers.email, 'renewal-card@example.com'));
    const report = await runBillingPass(db, { storefrontId: storefront.id, at: new Date(`${row!.services.nextDueOn}T06:00:00Z`) });
    expect(report.renewals.invoices).toBeGreaterThanOrEqual(1);
    const renewals = await db.select().from(invoices).where(and(eq(invoices.customerId, row!.customers.id), eq(invoices.dueOn, row!.services.nextDueOn!)));
    expect(renewals).toHaveLength(1);
    expect(renewals[0]!.status).toBe('paid');
    const [attempt] = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, renewals[0]!.id), eq(paymentTransactions.flow, 'off_session')));
    expect(attempt).toMatchObject({ status: 'succeeded', idempotencyKey: `charge:${renewals[0]!.id}:1` });
  });

  it('resumes a half-finished attempt with its own idempotency key', async () => {
    const buyer = await newCustomerWithInvoice('resume@example.com');
    const started = await startInvoicePayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicId: buyer.invoice.publicId, gateway: 'stripe', savePaymentMethod: true }, actor: system });
    await shop.submitCard(started.redirectUrl, '4242424242424242', 'Pay Tester');
    await completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    const [svc] = await db.select().from(services).where(eq(services.customerId, buyer.customerId));
    const dueAt = new Date(`${svc!.nextDueOn}T06:00:00Z`);
    // The pass that issues the renewal, with the charge step "crashing": we make the attempt and charge by hand.
    await runBillingPass(db, { storefrontId: storefront.id, at: new Date(dueAt.getTime() - 7 * 86_400_000) });
    const [renewal] = await db.select().from(invoices).where(and(eq(invoices.customerId, buyer.customerId), eq(invoices.status, 'unpaid')));
    expect(renewal).toBeDefined();
    const [method] = await db.select().from(paymentMethods).where(eq(paymentMethods.customerId, buyer.customerId));
    const attempt = await createTransaction(db, {
      customerId: buyer.customerId,
      invoiceId: renewal!.id,
      gateway: 'stripe',
      kind: 'charge',
      flow: 'off_session',
      currency: renewal!.currency,
      amountMinor: renewal!.totalMinor,
      paymentMethodId: method!.id,
      idempotencyKey: `charge:${renewal!.id}:1`,
      at: dueAt,
    });
    const gateway = (await gatewayFor(db, storefront, 'stripe'))!;
    const stripeCustomer = await gatewayCustomerIdOf(db, buyer.customerId, 'stripe');
    const first = await gateway.chargeSaved({ gatewayCustomerId: stripeCustomer!, gatewayMethodId: method!.gatewayMethodId, amountMinor: attempt.amountMinor, currency: attempt.currency, invoicePublicId: renewal!.publicId, attemptId: attempt.publicId, idempotencyKey: attempt.idempotencyKey });
    expect(first.status).toBe('succeeded');
    // ...the worker dies here. The next pass finds the pending attempt and finishes it.
    const report = await runBillingPass(db, { storefrontId: storefront.id, at: dueAt });
    expect(report.collected.saved_method).toEqual({ invoices: 1, amountMinor: renewal!.totalMinor });
    const intents = (await stripe.paymentIntents.list({ customer: stripeCustomer! })).data.filter((pi) => pi.metadata?.invoice === renewal!.publicId);
    expect(intents).toHaveLength(1);
    expect((await db.select().from(invoices).where(eq(invoices.id, renewal!.id)))[0]!.status).toBe('paid');
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, renewal!.id))).toHaveLength(1);
  });

  it('emails the customer a link when the bank wants them to confirm (3-D Secure)', async () => {
    const buyer = await newCustomerWithInvoice('threeds@example.com');
    const started = await startInvoicePayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicId: buyer.invoice.publicId, gateway: 'stripe', savePaymentMethod: true }, actor: system });
    const page = await shop.submitCard(started.redirectUrl, '4000 0027 6000 3184', 'Pay Tester');
    // The hosted page asks for the 3-D Secure check; the customer completes it.
    const challenge = page.headers.get('location') ?? '';
    const done = await fetch(new URL(challenge, started.redirectUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'result=complete' });
    expect(done.status).toBe(303);
    await completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    const [svc] = await db.select().from(services).where(eq(services.customerId, buyer.customerId));
    const dueAt = new Date(`${svc!.nextDueOn}T06:00:00Z`);
    await runBillingPass(db, { storefrontId: storefront.id, at: dueAt });
    const attempts = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.customerId, buyer.customerId), eq(paymentTransactions.flow, 'off_session')));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.status).toBe('requires_action');
    const mail = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, 'threeds@example.com'), eq(emailOutbox.template, 'payment-action-required')));
    expect(mail).toHaveLength(1);
    // Nothing more is tried automatically while the customer is asked to act.
    await runBillingPass(db, { storefrontId: storefront.id, at: new Date(dueAt.getTime() + 3 * 86_400_000) });
    expect(await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.customerId, buyer.customerId), eq(paymentTransactions.flow, 'off_session')))).toHaveLength(1);
  });
});
