import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { creditLedger, creditNotes, invoices, paymentTransactions } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { createDraftInvoice, issueDraftInvoice, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { refundInvoiceToCredit } from '@/lib/invoices/refund-to-credit';
import type { GatewayId } from '@/lib/payments/registry';
import { completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { refundPayment } from '@/lib/payments/refund-payment';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';
import { getPaymentSettings, savePaymentSettings } from '@/lib/settings/payment-settings';
import { setupStripeShop, type StripeShop } from './factories/stripe-shop';

// Gateway refunds and refunds to credit draw on one refundable balance per paid invoice: a storm of both kinds
// at once never gives back more than was paid.

let shop: StripeShop;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
let n = 0;

beforeAll(async () => {
  // The gateways' webhooks stay with the stand-ins: every refund here is settled by the API answer alone.
  shop = await setupStripeShop();
  ({ db, storefront, stripe } = shop);
});
afterAll(async () => {
  await shop?.cleanup();
});

/** A customer with a 100.00 EUR (10,000 minor units, no tax) invoice paid in full through the gateway's hosted page. */
async function paidInvoice(gateway: GatewayId) {
  n += 1;
  const c = await createCustomer(db, { input: { email: `refund${n}@example.com`, name: `Refund ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const { invoicePublicId } = await createDraftInvoice(db, { customerId: c.id, currency: 'EUR', actor: system });
  await saveDraftLines(db, { invoicePublicId, lines: [{ description: 'Setup', quantity: 1, unitAmount: '100.00', taxable: false }], actor: system });
  await issueDraftInvoice(db, { invoicePublicId, dueInDays: 14, storefrontId: storefront.id, actor: system });
  const started = await startInvoicePayment(db, { storefront, customerId: c.id, input: { invoicePublicId, gateway, savePaymentMethod: false }, actor: system });
  const approved =
    gateway === 'stripe'
      ? await shop.submitCard(started.redirectUrl, '4242 4242 4242 4242', 'Refund Tester')
      : await fetch(started.redirectUrl, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: `buyer${n}@example.com`, action: 'approve' }).toString(),
        });
  expect(approved.status).toBe(303);
  expect(await completeHostedPayment(db, { storefront, customerId: c.id, attemptId: started.attemptId, actor: system, now: new Date() })).toMatchObject({ status: 'succeeded', invoicePaid: true });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, invoicePublicId));
  expect(inv).toMatchObject({ status: 'paid', totalMinor: 10_000, paidMinor: 10_000 });
  const [charge] = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, inv!.id), eq(paymentTransactions.kind, 'charge')));
  return { customerId: c.id, invoice: inv!, charge: charge! };
}

async function refundsOf(invoiceId: number) {
  const gateway = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, invoiceId), eq(paymentTransactions.kind, 'refund')));
  const credit = await db.select().from(creditLedger).where(and(eq(creditLedger.invoiceId, invoiceId), eq(creditLedger.kind, 'refund')));
  return { gateway, credit };
}

const total = (rows: { amountMinor: number }[]) => rows.reduce((s, r) => s + r.amountMinor, 0);

describe.each(['stripe', 'paypal'] as const)('refunds of a %s payment', (gateway) => {
  it('twenty parallel refunds of both kinds refund exactly what was paid, never more', async () => {
    const paid = await paidInvoice(gateway);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? refundPayment(db, { storefront, input: { paymentPublicId: paid.charge.publicId, amountMinor: 1_000, reason: `gateway ${i}` }, actor: staff }).then((r) => ({ kind: 'gateway' as const, status: r.status }))
        : refundInvoiceToCredit(db, { invoicePublicId: paid.invoice.publicId, amountMinor: 1_000, reason: `credit ${i}`, staffId: null, actor: staff }).then(() => ({ kind: 'credit' as const, status: 'succeeded' as const })),
    );
    const results = await Promise.allSettled(attempts);

    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(ok).toHaveLength(10);
    expect(ok.every((r) => r.status === 'succeeded')).toBe(true);
    for (const err of refused) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBeGreaterThanOrEqual(400);
      expect((err as AppError).status).toBeLessThan(500);
    }

    const { gateway: gatewayRefunds, credit } = await refundsOf(paid.invoice.id);
    const sent = gatewayRefunds.filter((r) => r.status === 'succeeded');
    expect(gatewayRefunds.filter((r) => r.status === 'pending')).toEqual([]);
    expect(total(sent) + total(credit)).toBe(10_000);
    expect(sent.length + credit.length).toBe(10);
    expect(sent.length).toBe(ok.filter((r) => r.kind === 'gateway').length);
    expect(credit.length).toBe(ok.filter((r) => r.kind === 'credit').length);
    expect(await getCreditBalance(db, paid.customerId, 'EUR')).toBe(total(credit));
    // One credit note per refund that went through, together crediting exactly what was refunded.
    const notes = await db.select().from(creditNotes).where(eq(creditNotes.invoiceId, paid.invoice.id));
    expect(notes.length).toBe(sent.length + credit.length);
    expect(total(notes.map((x) => ({ amountMinor: x.totalMinor })))).toBe(10_000);
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id));
    expect(inv).toMatchObject({ status: 'refunded', refundedMinor: 10_000 });
    if (gateway === 'stripe') {
      // What the gateway itself paid out agrees with our ledger.
      const atStripe = (await stripe.refunds.list({ payment_intent: paid.charge.gatewayPaymentId!, limit: 100 })).data;
      expect(atStripe.reduce((s, r) => s + r.amount, 0)).toBe(total(sent));
      // Stripe's events for those refunds, however late, confirm them and change nothing.
      for (const e of await shop.signedEvents()) expect((await shop.deliver(e.payload, e.header)).status).toBe(200);
      expect((await refundsOf(paid.invoice.id)).gateway.map((r) => [r.status, r.amountMinor])).toEqual(gatewayRefunds.map((r) => [r.status, r.amountMinor]));
      expect((await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id)))[0]).toMatchObject({ status: 'refunded', refundedMinor: 10_000 });
    }
  });
});

describe('refund reservations', () => {
  it('a refund to credit counts against what the card can still get back, and the other way round', async () => {
    const paid = await paidInvoice('stripe');
    await refundInvoiceToCredit(db, { invoicePublicId: paid.invoice.publicId, amountMinor: 6_000, reason: 'goodwill', staffId: null, actor: staff });
    await expect(refundPayment(db, { storefront, input: { paymentPublicId: paid.charge.publicId, amountMinor: 4_001, reason: 'too much' }, actor: staff })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/At most 40,00\u00a0€/) });
    expect(await refundPayment(db, { storefront, input: { paymentPublicId: paid.charge.publicId, amountMinor: 3_000, reason: 'card' }, actor: staff })).toMatchObject({ status: 'succeeded' });
    await expect(refundInvoiceToCredit(db, { invoicePublicId: paid.invoice.publicId, amountMinor: 1_001, reason: 'too much', staffId: null, actor: staff })).rejects.toMatchObject({ code: 'bad_request' });
    // Omitted amounts mean "the rest", whichever kind takes it.
    expect(await refundPayment(db, { storefront, input: { paymentPublicId: paid.charge.publicId, reason: 'the rest' }, actor: staff })).toMatchObject({ status: 'succeeded', refund: { amountMinor: 1_000 } });
    await expect(refundInvoiceToCredit(db, { invoicePublicId: paid.invoice.publicId, reason: 'again', staffId: null, actor: staff })).rejects.toBeInstanceOf(AppError);
    expect((await db.select().from(invoices).where(eq(invoices.id, paid.invoice.id)))[0]).toMatchObject({ status: 'refunded', refundedMinor: 10_000 });
  });

  it('a gateway refund that fails gives its reservation back', async () => {
    const paid = await paidInvoice('stripe');
    const keys = (await getPaymentSettings(db)).stripe;
    await savePaymentSettings(db, { stripe: { ...keys, enabled: false } });
    try {
      const r = await refundPayment(db, { storefront, input: { paymentPublicId: paid.charge.publicId, amountMinor: 4_000, reason: 'switched off' }, actor: staff });
      expect(r.status).toBe('failed');
    } finally {
      await savePaymentSettings(db, { stripe: keys });
    }
    expect(await refundInvoiceToCredit(db, { invoicePublicId: paid.invoice.publicId, reason: 'all of it', staffId: null, actor: staff })).toMatchObject({ refundedMinor: 10_000, status: 'refunded' });
    const { gateway: gatewayRefunds } = await refundsOf(paid.invoice.id);
    expect(gatewayRefunds).toMatchObject([{ status: 'failed', amountMinor: 4_000 }]);
  });
});
