import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { adminAlerts, auditLog, creditLedger, creditNotes, invoicePayments, invoices, paymentAllocations, paymentTransactions, type Invoice } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { createDraftInvoice, issueDraftInvoice, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import { refundInvoiceToCredit } from '@/lib/invoices/refund-to-credit';
import { findInvoiceCharge } from '@/lib/payments/admin/find-invoice-charge';
import { invoicesOfCharge, refundableOfMassCharges } from '@/lib/payments/allocations';
import { completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { findCustomerCharge } from '@/lib/payments/find-invoice-attempt';
import { listInvoiceAttempts } from '@/lib/payments/list-invoice-attempts';
import { listTransactions } from '@/lib/payments/list-transactions';
import { refundPayment } from '@/lib/payments/refund-payment';
import { settleCharge } from '@/lib/payments/settle-charge';
import { startInvoicesPayment } from '@/lib/payments/start-invoices-payment';
import { gatewayCustomerIdOf } from '@/lib/payments/transactions';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { seedTestCatalog } from './factories/catalog';
import { SHOP_COMMERCE, setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// Mass payment: several unpaid invoices paid in one card or PayPal payment. One gateway charge, split over the
// invoices by payment_allocations when it settles; refunds of it split back newest invoice first.

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const SECRET_KEY = 'sk_test_sandbox_shop';
let n = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  const u = new URL(sandbox.url);
  stripe = new Stripe(SECRET_KEY, { host: u.hostname, port: u.port, protocol: 'http', telemetry: false });
  // The test delivers Stripe's events itself, signed like Stripe signs them, as often and in whatever order it likes.
  await fetch(`${sandbox.url}/stripe/_control/delivery`, { method: 'POST', headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'hold' }) });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

async function newCustomer(on: StorefrontDb = db) {
  n += 1;
  return (await createCustomer(on, { input: { email: `mass${n}@example.com`, name: `Mass ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id;
}

/** An issued invoice of exactly `amount` (no tax), so the sums below can be worked out by hand. */
async function issued(customerId: number, amount: string, opts: { currency?: string; on?: StorefrontDb; storefrontId?: number } = {}): Promise<Invoice> {
  const on = opts.on ?? db;
  const { invoicePublicId } = await createDraftInvoice(on, { customerId, currency: opts.currency ?? 'EUR', actor: system });
  await saveDraftLines(on, { invoicePublicId, lines: [{ description: 'Setup', quantity: 1, unitAmount: amount, taxable: false }], actor: system });
  await issueDraftInvoice(on, { invoicePublicId, dueInDays: 14, storefrontId: opts.storefrontId ?? storefront.id, actor: system });
  return (await on.select().from(invoices).where(eq(invoices.publicId, invoicePublicId)))[0]!;
}

/** A customer with three unpaid invoices: 11.90 + 5.95 + 23.80 = 41.65 EUR (1,190 + 595 + 2,380 = 4,165 minor). */
async function threeInvoices() {
  const customerId = await newCustomer();
  const list = [await issued(customerId, '11.90'), await issued(customerId, '5.95'), await issued(customerId, '23.80')];
  expect(list.map((i) => i.totalMinor)).toEqual([1190, 595, 2380]);
  return { customerId, invoices: list, ids: list.map((i) => i.publicId) };
}

function payOnStripePage(redirectUrl: string) {
  return fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Mass Payer' }).toString(),
  });
}

function approveOnPaypalPage(redirectUrl: string) {
  return fetch(redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'mass-buyer@example.com', action: 'approve' }).toString() });
}

/** Every event Stripe has for this account, signed with our endpoint's secret, ready to POST. */
async function signedEvents(): Promise<{ payload: string; header: string }[]> {
  const secret = decryptSecret((await getPaymentSettings(db)).stripe.webhookSecret);
  const events = await stripe.events.list({ limit: 100 });
  return events.data.reverse().map((e) => {
    const payload = JSON.stringify(e);
    return { payload, header: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  });
}

async function deliver(e: { payload: string; header: string }) {
  const req = new Request('http://account.shop.test/api/webhooks/stripe', { method: 'POST', headers: { host: 'account.shop.test', 'stripe-signature': e.header, 'content-type': 'application/json' }, body: e.payload });
  const res = await webhookRoute(req, { params: Promise.resolve({ gateway: 'stripe' }) });
  expect(res.status).toBe(200);
}

const attemptOf = async (publicId: string) => (await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, publicId)))[0]!;
const invoiceRow = async (id: number) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
const paymentsOf = (invoiceId: number) => db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoiceId)).orderBy(asc(invoicePayments.id));
const sharesOf = async (transactionId: number) =>
  (await db.select().from(paymentAllocations).where(eq(paymentAllocations.transactionId, transactionId)).orderBy(asc(paymentAllocations.id))).map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor }));
const transactionsOf = async (customerId: number) => (await db.select({ n: count() }).from(paymentTransactions).where(eq(paymentTransactions.customerId, customerId)))[0]!.n;

describe('mass payment by card (Stripe)', () => {
  let buyer: Awaited<ReturnType<typeof threeInvoices>>;
  let attemptId: string;

  it('pays three invoices with one charge, once, however the webhook and the return page race and repeat', async () => {
    buyer = await threeInvoices();
    const started = await startInvoicesPayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicIds: buyer.ids, gateway: 'stripe', savePaymentMethod: false }, actor: system });
    attemptId = started.attemptId;
    const pending = await attemptOf(attemptId);
    expect(pending).toMatchObject({ kind: 'charge', flow: 'hosted', status: 'pending', invoiceId: null, currency: 'EUR', amountMinor: 4165 });
    expect(await sharesOf(pending.id)).toEqual(buyer.invoices.map((i) => ({ invoiceId: i.id, amountMinor: i.totalMinor })));

    // The card page shows the total and every invoice number it pays.
    const page = await (await fetch(started.redirectUrl)).text();
    expect(page).toContain(`Invoices ${buyer.invoices[0]!.number}, ${buyer.invoices[1]!.number} and ${buyer.invoices[2]!.number}`);
    const paid = await payOnStripePage(started.redirectUrl);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toContain(`/invoices/payment-return?attempt=${attemptId}`);

    // The return page (twice: a reload) and every event (twice) all at once, then the events replayed in reverse.
    const events = await signedEvents();
    const back = () => completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId, actor: system, now: new Date() });
    const [first] = await Promise.all([back(), back(), ...events.flatMap((e) => [deliver(e), deliver(e)])]);
    expect(first).toMatchObject({ status: 'succeeded', invoicePaid: true });
    for (const e of [...events].reverse()) await deliver(e);
    expect(await back()).toMatchObject({ status: 'succeeded', invoicePaid: true });

    const charge = await attemptOf(attemptId);
    expect(charge).toMatchObject({ status: 'succeeded', amountMinor: 4165, failureCode: null });
    for (const inv of buyer.invoices) {
      expect(await invoiceRow(inv.id)).toMatchObject({ status: 'paid', paidMinor: inv.totalMinor });
      expect(await paymentsOf(inv.id)).toMatchObject([{ method: 'stripe', amountMinor: inv.totalMinor, currency: 'EUR', transactionId: charge.id, reference: charge.gatewayPaymentId }]);
    }
    expect((await db.select().from(paymentAllocations).where(eq(paymentAllocations.transactionId, charge.id))).map((a) => a.appliedMinor)).toEqual([1190, 595, 2380]);
    // One charge at the gateway, for the total.
    const intents = (await stripe.paymentIntents.list({ customer: (await gatewayCustomerIdOf(db, buyer.customerId, 'stripe'))! })).data;
    expect(intents.map((pi) => [pi.amount, pi.status])).toEqual([[4165, 'succeeded']]);

    // The same success reported once more (a billing pass's reconciler, say) changes nothing.
    const again = await settleCharge(db, {
      storefrontId: storefront.id,
      transactionId: charge.id,
      outcome: { status: 'succeeded', gatewayPaymentId: charge.gatewayPaymentId!, gatewayChargeId: null, amountMinor: 4165, currency: 'EUR', feeMinor: null },
      actor: system,
      now: new Date(),
    });
    expect(again.changed).toBe(false);
    for (const inv of buyer.invoices) expect(await paymentsOf(inv.id)).toHaveLength(1);
  });

  it('a partial refund goes back newest invoice first, never beyond what an invoice has left to give', async () => {
    const [a, b, c] = buyer.invoices as [Invoice, Invoice, Invoice];
    const charge = await attemptOf(attemptId);
    // 1,000 of 4,165: all from the newest invoice (C, 2,380).
    const first = await refundPayment(db, { storefront, input: { paymentPublicId: attemptId, amountMinor: 1000, reason: 'goodwill' }, actor: staff });
    expect(first.status).toBe('succeeded');
    expect(await sharesOf(first.refund.id)).toEqual([{ invoiceId: c.id, amountMinor: 1000 }]);
    expect(await invoiceRow(c.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 1000 });
    expect(await invoiceRow(b.id)).toMatchObject({ status: 'paid', refundedMinor: 0 });
    expect(await invoiceRow(a.id)).toMatchObject({ status: 'paid', refundedMinor: 0 });

    // Staff give another 1,000 of C back as account credit: C has 2,380 − 1,000 − 1,000 = 380 left.
    await refundInvoiceToCredit(db, { invoicePublicId: c.publicId, amountMinor: 1000, reason: 'credit instead', staffId: null, actor: staff });
    // 2,000 more = C's last 380 + all of B's 595 + 1,025 of A.
    const second = await refundPayment(db, { storefront, input: { paymentPublicId: attemptId, amountMinor: 2000, reason: 'cancelled two services' }, actor: staff });
    expect(second.status).toBe('succeeded');
    expect(await sharesOf(second.refund.id)).toEqual([
      { invoiceId: c.id, amountMinor: 380 },
      { invoiceId: b.id, amountMinor: 595 },
      { invoiceId: a.id, amountMinor: 1025 },
    ]);
    expect(await invoiceRow(c.id)).toMatchObject({ status: 'refunded', refundedMinor: 2380 });
    expect(await invoiceRow(b.id)).toMatchObject({ status: 'refunded', refundedMinor: 595 });
    expect(await invoiceRow(a.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 1025 });
    // A credit note documents one invoice: the refund that reached three invoices issued three, each for its share.
    expect(second.message).toMatch(/Credit notes CN-\d{4}-\d{6}, CN-\d{4}-\d{6}, CN-\d{4}-\d{6} issued\./);
    const notes = await db.select({ invoiceId: creditNotes.invoiceId, totalMinor: creditNotes.totalMinor }).from(creditNotes).where(eq(creditNotes.transactionId, second.refund.id)).orderBy(asc(creditNotes.id));
    expect(notes).toEqual([
      { invoiceId: c.id, totalMinor: 380 },
      { invoiceId: b.id, totalMinor: 595 },
      { invoiceId: a.id, totalMinor: 1025 },
    ]);
    // One invoice.refunded audit per invoice share, as applyRefundToInvoice writes it.
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'invoice.refunded'), eq(auditLog.targetId, a.publicId)));
    expect(audits.map((r) => r.after?.amountMinor)).toEqual([1025]);

    // The charge has 4,165 − 3,000 = 1,165 unrefunded, but only A's 1,190 − 1,025 = 165 is still refundable.
    await expectAppError(refundPayment(db, { storefront, input: { paymentPublicId: attemptId, amountMinor: 166, reason: 'too much' }, actor: staff }), 'bad_request', /At most 1,65\s€/);
    // And a refund to credit on A cannot take what the card got back either.
    await expectAppError(refundInvoiceToCredit(db, { invoicePublicId: a.publicId, amountMinor: 166, reason: 'too much', staffId: null, actor: staff }), 'bad_request');
    const atStripe = (await stripe.refunds.list({ payment_intent: charge.gatewayPaymentId! })).data;
    expect(atStripe.map((r) => r.amount).sort((x, y) => x - y)).toEqual([1000, 2000]);
  });

  it('a refund made in the Stripe dashboard is split by the same rule when its webhook arrives, once', async () => {
    const [a] = buyer.invoices as [Invoice];
    const charge = await attemptOf(attemptId);
    await stripe.refunds.create({ payment_intent: charge.gatewayPaymentId!, amount: 100 });
    const events = await signedEvents();
    for (let i = 0; i < 3; i++) for (const e of events) await deliver(e);
    const refunds = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.parentId, charge.id), eq(paymentTransactions.kind, 'refund'))).orderBy(asc(paymentTransactions.id));
    expect(refunds.map((r) => [r.status, r.amountMinor])).toEqual([
      ['succeeded', 1000],
      ['succeeded', 2000],
      ['succeeded', 100],
    ]);
    // B and C have nothing left, so all 100 comes from A.
    expect(await sharesOf(refunds[2]!.id)).toEqual([{ invoiceId: a.id, amountMinor: 100 }]);
    expect(await invoiceRow(a.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 1125 });
  });

  it("shows on each invoice's pages, for the customer and for staff, with what is left to refund", async () => {
    const charge = await attemptOf(attemptId);
    for (const inv of buyer.invoices) {
      expect((await listInvoiceAttempts(db, { invoiceId: inv.id })).map((r) => r.publicId)).toEqual([attemptId]);
      const staffRows = await listTransactions(db, { invoiceId: inv.id, limit: null });
      expect(staffRows.map((r) => r.id)).toContain(charge.id);
      expect(await findInvoiceCharge(db, { invoicePublicId: inv.publicId, paymentPublicId: attemptId })).toMatchObject({ currency: 'EUR' });
    }
    // Refunded so far: 1,000 + 2,000 + 100 from the card, 1,000 of C to credit: only A's 1,190 − 1,125 = 65 is left.
    expect(await refundableOfMassCharges(db, [charge.id])).toEqual(new Map([[charge.id, 65]]));
    expect((await invoicesOfCharge(db, charge.id)).map((i) => [i.publicId, i.appliedMinor])).toEqual(buyer.invoices.map((i) => [i.publicId, i.totalMinor]));
    // The return page's lookup finds the payment for its customer only.
    expect(await findCustomerCharge(db, { attemptId, customerId: buyer.customerId })).toMatchObject({ id: charge.id });
    expect(await findCustomerCharge(db, { attemptId, customerId: await newCustomer() })).toBeNull();
    // Another invoice's page does not list it.
    const unrelated = await issued(buyer.customerId, '1.00');
    expect(await listInvoiceAttempts(db, { invoiceId: unrelated.id })).toEqual([]);
    expect(await findInvoiceCharge(db, { invoicePublicId: unrelated.publicId, paymentPublicId: attemptId })).toBeNull();
  });
});

describe('mass payment by PayPal', () => {
  it('pays three invoices in one PayPal order that names them, captured once', async () => {
    const buyer = await threeInvoices();
    const started = await startInvoicesPayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicIds: buyer.ids, gateway: 'paypal', savePaymentMethod: false }, actor: system });
    expect(started.redirectUrl).toContain('/paypal/checkoutnow?token=');
    const attempt = await attemptOf(started.attemptId);

    // What PayPal was asked for: the total, our attempt as its (unique) invoice id, the invoice numbers as the description.
    const auth = await fetch(`${sandbox.url}/paypal/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('sandbox-shop:sandbox-secret-shop').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await auth.json()) as { access_token: string };
    const order = (await (await fetch(`${sandbox.url}/paypal/v2/checkout/orders/${attempt.gatewayRef}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { purchase_units: Record<string, unknown>[] };
    expect(order.purchase_units[0]).toMatchObject({
      amount: { currency_code: 'EUR', value: '41.65' },
      custom_id: started.attemptId,
      invoice_id: started.attemptId,
      description: `Invoices ${buyer.invoices[0]!.number}, ${buyer.invoices[1]!.number} and ${buyer.invoices[2]!.number}`,
    });

    expect((await approveOnPaypalPage(started.redirectUrl)).status).toBe(303);
    // Two tabs come back at once: one capture, one settlement.
    const back = () => completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    const results = await Promise.all([back(), back()]);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await back()).toMatchObject({ status: 'succeeded', invoicePaid: true });

    const charge = await attemptOf(started.attemptId);
    expect(charge).toMatchObject({ status: 'succeeded', gateway: 'paypal', amountMinor: 4165, failureCode: null });
    for (const inv of buyer.invoices) {
      expect(await invoiceRow(inv.id)).toMatchObject({ status: 'paid', paidMinor: inv.totalMinor });
      expect(await paymentsOf(inv.id)).toMatchObject([{ method: 'paypal', amountMinor: inv.totalMinor, transactionId: charge.id }]);
    }
  });
});

describe('an invoice settled while the mass payment ran', () => {
  it("gives that invoice's share to the customer's account credit, audited, and pays the others", async () => {
    const buyer = await threeInvoices();
    const [a, b, c] = buyer.invoices as [Invoice, Invoice, Invoice];
    const started = await startInvoicesPayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicIds: buyer.ids, gateway: 'stripe', savePaymentMethod: false }, actor: system });
    // While the customer types their card, B is paid from credit in another tab.
    await adjustCredit(db, { customerId: buyer.customerId, currency: 'EUR', amountMinor: 595, note: 'goodwill', staffId: null, actor: system });
    expect(await payInvoiceWithCredit(db, { customerId: buyer.customerId, invoicePublicId: b.publicId, actor: system })).toMatchObject({ paid: true });
    expect(await getCreditBalance(db, buyer.customerId, 'EUR')).toBe(0);

    expect((await payOnStripePage(started.redirectUrl)).status).toBe(303);
    const back = await completeHostedPayment(db, { storefront, customerId: buyer.customerId, attemptId: started.attemptId, actor: system, now: new Date() });
    // The whole 41.65 was taken; B no longer needed its 5.95.
    expect(back.status).toBe('succeeded');
    const charge = await attemptOf(started.attemptId);
    for (const inv of [a, c]) expect(await paymentsOf(inv.id)).toMatchObject([{ method: 'stripe', amountMinor: inv.totalMinor, transactionId: charge.id }]);
    expect(await paymentsOf(b.id)).toMatchObject([{ method: 'credit', amountMinor: 595, transactionId: null }]);
    expect(await invoiceRow(b.id)).toMatchObject({ status: 'paid', paidMinor: 595 });
    expect((await db.select().from(paymentAllocations).where(eq(paymentAllocations.transactionId, charge.id))).map((x) => x.appliedMinor)).toEqual([1190, 0, 2380]);

    expect(await getCreditBalance(db, buyer.customerId, 'EUR')).toBe(595);
    expect(await db.select().from(creditLedger).where(and(eq(creditLedger.customerId, buyer.customerId), eq(creditLedger.kind, 'overpayment')))).toMatchObject([{ amountMinor: 595, currency: 'EUR', invoiceId: b.id }]);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, 'credit.overpayment'), eq(auditLog.targetId, b.publicId)))).toHaveLength(1);
    expect(await db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `payment-overpaid:${charge.id}`))).toHaveLength(1);

    // Replaying everything Stripe said changes nothing: no second credit, no second payment.
    for (const e of await signedEvents()) await deliver(e);
    expect(await getCreditBalance(db, buyer.customerId, 'EUR')).toBe(595);
    for (const inv of [a, b, c]) expect(await paymentsOf(inv.id)).toHaveLength(1);
  });
});

describe('what a mass payment refuses', () => {
  it('invoices in more than one currency, with a clear 400, starting nothing', async () => {
    const customerId = await newCustomer();
    const eur = await issued(customerId, '11.90');
    const usd = await issued(customerId, '5.00', { currency: 'USD' });
    const before = await transactionsOf(customerId);
    await expectAppError(
      startInvoicesPayment(db, { storefront, customerId, input: { invoicePublicIds: [eur.publicId, usd.publicId], gateway: 'stripe', savePaymentMethod: false }, actor: system }),
      'bad_request',
      /in EUR and USD: one payment can only be in one currency/,
    );
    expect(await transactionsOf(customerId)).toBe(before);
  });

  it("another customer's or another storefront's invoice is not found, and nothing is charged", async () => {
    const mine = await threeInvoices();
    const otherCustomer = await newCustomer();
    const theirs = await issued(otherCustomer, '9.99');
    // A second storefront: its invoices live in its own database, so their ids mean nothing here.
    const elsewhere = await createStorefront({ slug: 'elsewhere', name: 'Elsewhere', domain: 'elsewhere.test' });
    const otherDb = openStorefrontDb(elsewhere);
    await seedTestCatalog(otherDb);
    await saveCommerceSettings(otherDb, SHOP_COMMERCE);
    const foreign = await issued(await newCustomer(otherDb), '7.00', { on: otherDb, storefrontId: elsewhere.id });

    for (const stranger of [theirs.publicId, foreign.publicId]) {
      await expectAppError(
        startInvoicesPayment(db, { storefront, customerId: mine.customerId, input: { invoicePublicIds: [...mine.ids, stranger], gateway: 'stripe', savePaymentMethod: false }, actor: system }),
        'not_found',
        new RegExp(`No such invoice: ${stranger}`),
      );
    }
    expect(await transactionsOf(mine.customerId)).toBe(0);
    expect((await invoiceRow(theirs.id)).status).toBe('unpaid');
  });

  it('a paid invoice, an empty choice and more than fifty invoices', async () => {
    const buyer = await threeInvoices();
    await adjustCredit(db, { customerId: buyer.customerId, currency: 'EUR', amountMinor: 1190, note: 'seed', staffId: null, actor: system });
    await payInvoiceWithCredit(db, { customerId: buyer.customerId, invoicePublicId: buyer.ids[0]!, actor: system });
    const start = (ids: string[]) => startInvoicesPayment(db, { storefront, customerId: buyer.customerId, input: { invoicePublicIds: ids, gateway: 'stripe', savePaymentMethod: false }, actor: system });
    await expectAppError(start(buyer.ids), 'conflict', new RegExp(`${buyer.invoices[0]!.number} is paid`));
    await expectAppError(start([]), 'bad_request', /at least one/);
    await expectAppError(start(Array.from({ length: 51 }, (_, i) => `inv_x${i}`)), 'bad_request', /at most 50/);
    expect(await transactionsOf(buyer.customerId)).toBe(0);
    // One invoice ticked (twice, even) is an ordinary payment of that invoice, returning to the invoice's page.
    const single = await start([buyer.ids[1]!, buyer.ids[1]!]);
    const attempt = await attemptOf(single.attemptId);
    expect(attempt).toMatchObject({ invoiceId: buyer.invoices[1]!.id, amountMinor: 595 });
    expect(await sharesOf(attempt.id)).toEqual([]);
  });
});
