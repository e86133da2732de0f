import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invoices } from '@/db/schema/storefront';
import type { Cart } from '@/lib/cart/schemas';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createAddFundsInvoice } from '@/lib/credit/add-funds';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { createCustomer } from '@/lib/customers/create-customer';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import { payInvoicesWithCredit } from '@/lib/invoices/pay-invoices-with-credit';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { refundInvoiceToCredit } from '@/lib/invoices/refund-to-credit';
import { placeOrder } from '@/lib/orders/place-order';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop, type Shop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
let n = 0;

async function customer() {
  n += 1;
  return (await createCustomer(shop.db, { input: { email: `f${n}@example.com`, name: `F ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id;
}

async function orderVps(customerId: number) {
  const plan = await planOrThrow(shop.db, 'vps-starter');
  const os = vpsOptions(plan).os;
  const cart: Cart = { currency: 'EUR', country: null, couponCodes: [], items: [{ id: 'a', item: { planSlug: plan.slug, cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: 'f.example.com' } } }] };
  const placed = await placeOrder(shop.db, { storefrontId: shop.storefrontId, customerId, cart, ip: null, actor: system });
  return placed;
}

beforeAll(async () => {
  shop = await setupShop();
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('money movements on account credit', () => {
  it('adds funds through an invoice within the limits; paying it tops up the credit, and credit cannot buy credit', async () => {
    const c = await customer();
    await expectAppError(createAddFundsInvoice(shop.db, { customerId: c, currency: 'EUR', amountMinor: 499, actor: system }), 'bad_request');
    await expectAppError(createAddFundsInvoice(shop.db, { customerId: c, currency: 'EUR', amountMinor: 100_001, actor: system }), 'bad_request');
    await expectAppError(createAddFundsInvoice(shop.db, { customerId: c, currency: 'XYZ', amountMinor: 1000, actor: system }), 'bad_request');
    const { invoicePublicId } = await createAddFundsInvoice(shop.db, { customerId: c, currency: 'EUR', amountMinor: 2500, actor: system });
    const [inv] = await shop.db.select().from(invoices).where(eq(invoices.publicId, invoicePublicId));
    expect(inv).toMatchObject({ status: 'unpaid', totalMinor: 2500, taxMinor: 0 });
    await adjustCredit(shop.db, { customerId: c, currency: 'EUR', amountMinor: 5000, note: 'seed', staffId: null, actor: system });
    await expectAppError(payInvoiceWithCredit(shop.db, { customerId: c, invoicePublicId, actor: system }), 'bad_request');
    // The billing pass's credit collector leaves an open "add funds" invoice alone and still pays the others.
    const other = await orderVps(c);
    const pass = await runBillingPass(shop.db, { storefrontId: shop.storefrontId });
    expect(pass.collected.credit!.invoices).toBe(1);
    const [otherInv] = await shop.db.select().from(invoices).where(eq(invoices.publicId, other.invoicePublicId));
    expect(otherInv!.status).toBe('paid');
    await recordBankPayment(shop.db, { invoicePublicId, reference: 'SEPA 1', actor: system });
    expect(await getCreditBalance(shop.db, c, 'EUR')).toBe(7500 - other.totalMinor);
  });

  it('refunds a paid invoice to credit, in parts, never beyond what was paid', async () => {
    const c = await customer();
    const placed = await orderVps(c);
    await expectAppError(refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, reason: 'early', staffId: null, actor: system }), 'conflict');
    await recordBankPayment(shop.db, { invoicePublicId: placed.invoicePublicId, reference: 'SEPA 2', actor: system });
    const part = await refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, amountMinor: 100, reason: 'goodwill', staffId: null, actor: system });
    expect(part).toMatchObject({ refundedMinor: 100, status: 'partially_refunded' });
    await expectAppError(refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, amountMinor: placed.totalMinor, reason: 'too much', staffId: null, actor: system }), 'bad_request');
    await expectAppError(refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, reason: 'x', staffId: null, actor: system }), 'bad_request');
    const rest = await refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, reason: 'cancelled', staffId: null, actor: system });
    expect(rest).toMatchObject({ refundedMinor: placed.totalMinor, status: 'refunded' });
    expect(await getCreditBalance(shop.db, c, 'EUR')).toBe(placed.totalMinor);
    await expectAppError(refundInvoiceToCredit(shop.db, { invoicePublicId: placed.invoicePublicId, reason: 'again', staffId: null, actor: system }), 'conflict');
  });

  it('pays several invoices from credit in one go until the credit runs out', async () => {
    const c = await customer();
    const a = await orderVps(c);
    const b = await orderVps(c);
    const d = await orderVps(c);
    await adjustCredit(shop.db, { customerId: c, currency: 'EUR', amountMinor: a.totalMinor + b.totalMinor + 100, note: 'seed', staffId: null, actor: system });
    const results = await payInvoicesWithCredit(shop.db, { customerId: c, invoicePublicIds: [a.invoicePublicId, b.invoicePublicId, d.invoicePublicId, 'inv_nosuch'], actor: system });
    expect(results.map((r) => r.outcome)).toEqual(['paid', 'paid', 'part_paid', 'skipped']);
    expect(await getCreditBalance(shop.db, c, 'EUR')).toBe(0);
    const other = await customer();
    const foreign = await payInvoicesWithCredit(shop.db, { customerId: other, invoicePublicIds: [d.invoicePublicId], actor: system });
    expect(foreign).toMatchObject([{ outcome: 'skipped', message: 'No such invoice.' }]);
  });
});
