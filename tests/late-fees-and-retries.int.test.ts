import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { invoiceLines, invoicePayments, invoices, paymentMethods, paymentTransactions } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import { addDays } from '@/lib/dates/calendar-days';
import type { StorefrontDb } from '@/lib/db/connection';
import { createDraftInvoice, issueDraftInvoice, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { completeAddCard, setDefaultPaymentMethod, startAddCard } from '@/lib/payments/payment-methods';
import { gatewayCustomerIdOf } from '@/lib/payments/transactions';
import { saveBillingSettings } from '@/lib/settings/billing-settings';
import { setupStripeShop, type StripeShop } from './factories/stripe-shop';

let shop: StripeShop;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
const system = { type: 'system' as const, label: 'test' };
let n = 0;

beforeAll(async () => {
  shop = await setupStripeShop();
  ({ db, storefront, stripe } = shop);
});
afterAll(async () => {
  await shop?.cleanup();
});

/** A customer with one issued manual invoice of one untaxed line, due on `dueOn`. */
async function invoiceDue(dueOn: string, unitAmount: string) {
  n += 1;
  const c = await createCustomer(db, { input: { email: `late${n}@example.com`, name: `Late ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const issuedAt = new Date(`${addDays(dueOn, -14)}T09:00:00Z`);
  const { invoicePublicId } = await createDraftInvoice(db, { customerId: c.id, currency: 'EUR', actor: system });
  await saveDraftLines(db, { invoicePublicId, lines: [{ description: 'Work', quantity: 1, unitAmount, taxable: false }], actor: system, now: issuedAt });
  await issueDraftInvoice(db, { invoicePublicId, dueInDays: 14, storefrontId: storefront.id, actor: system, now: issuedAt });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, invoicePublicId));
  expect(inv!.dueOn).toBe(dueOn);
  return { customerId: c.id, invoice: inv! };
}

const pass = (day: string, hour = '06') => runBillingPass(db, { storefrontId: storefront.id, at: new Date(`${day}T${hour}:00:00Z`) });

async function feeLines(invoiceId: number) {
  return db.select({ amountMinor: invoiceLines.amountMinor, taxMinor: invoiceLines.taxMinor }).from(invoiceLines).where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.kind, 'late_fee')));
}

async function totalOf(invoiceId: number) {
  return (await db.select({ totalMinor: invoices.totalMinor }).from(invoices).where(eq(invoices.id, invoiceId)))[0]!.totalMinor;
}

describe('late fees', () => {
  /** Passes at D+1…D+5 add nothing, D+6 adds one fee, and passes after that (same day, days later) add nothing more. */
  async function expectOneFeeAcrossGrace(invoiceId: number, dueOn: string, totalBefore: number, feeMinor: number) {
    for (const d of [0, 1, 3, 5]) {
      const r = await pass(addDays(dueOn, d));
      expect(r.lateFees.invoices).toBe(0);
    }
    expect(await feeLines(invoiceId)).toEqual([]);
    expect(await totalOf(invoiceId)).toBe(totalBefore);
    // "More than 5 days overdue": the first day is D+6.
    expect((await pass(addDays(dueOn, 6))).lateFees.invoices).toBe(1);
    expect(await feeLines(invoiceId)).toEqual([{ amountMinor: feeMinor, taxMinor: 0 }]);
    expect(await totalOf(invoiceId)).toBe(totalBefore + feeMinor);
    for (const at of [pass(addDays(dueOn, 6), '07'), pass(addDays(dueOn, 6), '08')]) expect((await at).lateFees.invoices).toBe(0);
    expect((await pass(addDays(dueOn, 12))).lateFees.invoices).toBe(0);
    expect(await feeLines(invoiceId)).toHaveLength(1);
    expect(await totalOf(invoiceId)).toBe(totalBefore + feeMinor);
  }

  it('adds a fixed fee once, after the grace period', async () => {
    await saveBillingSettings(db, { lateFeeAfterDays: 5, lateFeeType: 'fixed', lateFeeFixedMinor: { EUR: 750, USD: 900 } });
    const { invoice } = await invoiceDue('2027-03-10', '49.99');
    // 49.99 EUR untaxed = 4 999; the fee is the EUR amount, 7.50 = 750, untaxed: 4 999 + 750 = 5 749.
    expect(invoice.totalMinor).toBe(4_999);
    await expectOneFeeAcrossGrace(invoice.id, '2027-03-10', 4_999, 750);
    expect(await totalOf(invoice.id)).toBe(5_749);
  });

  it('adds a percentage of the invoice total once, rounded half away from zero', async () => {
    await saveBillingSettings(db, { lateFeeAfterDays: 5, lateFeeType: 'percent', lateFeePercentBp: 250 });
    const { invoice } = await invoiceDue('2027-05-10', '23.80');
    // 2.5 % of 2 380 = 2 380 × 250 / 10 000 = 59.5 → 60 (half away from zero); 2 380 + 60 = 2 440.
    expect(invoice.totalMinor).toBe(2_380);
    await expectOneFeeAcrossGrace(invoice.id, '2027-05-10', 2_380, 60);
    expect(await totalOf(invoice.id)).toBe(2_440);
    await saveBillingSettings(db, { lateFeeAfterDays: 0 });
  });
});

/** Saves a card through the stand-in's hosted "add a card" page, as the customer would. */
async function addCard(customerId: number, card: string) {
  const { redirectUrl } = await startAddCard(db, { storefront, customerId, currency: 'EUR', actor: system });
  const res = await shop.submitCard(redirectUrl, card, 'Late Tester');
  expect(res.status).toBe(303);
  const attemptId = new URL(res.headers.get('location')!).searchParams.get('attempt')!;
  expect((await completeAddCard(db, { storefront, customerId, attemptId, actor: system })).saved).toBe(true);
  const rows = await db.select().from(paymentMethods).where(eq(paymentMethods.customerId, customerId)).orderBy(asc(paymentMethods.id));
  return rows.at(-1)!;
}

describe('failed off-session charges and their retries', () => {
  it('charges on the due date, retries 1 and 3 days after it, succeeds on the third try and pays once', async () => {
    const D = '2027-07-10';
    const { customerId, invoice } = await invoiceDue(D, '19.99');
    const declining = await addCard(customerId, '4000 0000 0000 9995');
    expect(declining.isDefault).toBe(true);
    const attempts = () => db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, invoice.id), eq(paymentTransactions.flow, 'off_session'))).orderBy(asc(paymentTransactions.id));
    const stripeCustomer = (await gatewayCustomerIdOf(db, customerId, 'stripe'))!;
    const intents = async () => (await stripe.paymentIntents.list({ customer: stripeCustomer, limit: 100 })).data.filter((pi) => pi.metadata?.invoice === invoice.publicId);

    // Before the due date: nothing.
    await pass(addDays(D, -1));
    expect(await attempts()).toHaveLength(0);
    // Try 1, on the due date: declined. A second pass that day does not charge again.
    expect((await pass(D)).collected.saved_method).toEqual({ invoices: 0, amountMinor: 0 });
    await pass(D, '18');
    expect((await attempts()).map((a) => a.status)).toEqual(['failed']);
    // Try 2, 1 day after the due date: declined again.
    await pass(addDays(D, 1));
    await pass(addDays(D, 1), '18');
    expect((await attempts()).map((a) => a.status)).toEqual(['failed', 'failed']);
    // D+2 is no retry day.
    await pass(addDays(D, 2));
    expect(await attempts()).toHaveLength(2);
    expect(await intents()).toHaveLength(2);

    // The customer adds a good card and makes it the default; try 3, 3 days after the due date, succeeds.
    const good = await addCard(customerId, '4242 4242 4242 4242');
    await setDefaultPaymentMethod(db, { customerId, methodPublicId: good.publicId, actor: system });
    const third = await pass(addDays(D, 3));
    // 19.99 EUR untaxed = 1 999, charged in full.
    expect(third.collected.saved_method).toEqual({ invoices: 1, amountMinor: 1_999 });
    const all = await attempts();
    expect(all.map((a) => [a.status, a.amountMinor, a.idempotencyKey, a.paymentMethodId])).toEqual([
      ['failed', 1_999, `charge:${invoice.id}:1`, declining.id],
      ['failed', 1_999, `charge:${invoice.id}:2`, declining.id],
      ['succeeded', 1_999, `charge:${invoice.id}:3`, good.id],
    ]);
    // Later passes (D+5, D+7 were retry days) charge nothing more.
    await pass(addDays(D, 5));
    await pass(addDays(D, 7));
    expect(await attempts()).toHaveLength(3);
    expect(await intents()).toHaveLength(3);
    expect((await db.select().from(invoices).where(eq(invoices.id, invoice.id)))[0]).toMatchObject({ status: 'paid', paidMinor: 1_999 });
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id))).toHaveLength(1);
  });

  it('gives up after the due date and the four retry days (D, D+1, D+3, D+5, D+7)', async () => {
    const D = '2027-09-10';
    const { customerId, invoice } = await invoiceDue(D, '5.00');
    await addCard(customerId, '4000 0000 0000 9995');
    const dayOf = async () => (await db.select({ createdAt: paymentTransactions.createdAt }).from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, invoice.id), eq(paymentTransactions.flow, 'off_session'))).orderBy(asc(paymentTransactions.id))).map((a) => a.createdAt.toISOString().slice(0, 10));
    for (let d = 0; d <= 12; d += 1) await pass(addDays(D, d));
    expect(await dayOf()).toEqual([D, addDays(D, 1), addDays(D, 3), addDays(D, 5), addDays(D, 7)]);
    expect((await db.select().from(invoices).where(eq(invoices.id, invoice.id)))[0]!.status).toBe('unpaid');
  });
});
