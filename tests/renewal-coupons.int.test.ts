import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { couponAmounts, coupons, invoiceLines, invoices, serviceBillingPeriods, services } from '@/db/schema/storefront';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { placeOrder } from '@/lib/orders/place-order';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };
const anyScope = { planIds: [], groupIds: [], cycles: [], countries: [] };

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
});
afterAll(async () => {
  await t?.cleanup();
});

describe('recurring coupons carried into renewals', () => {
  it('carries every stacked recurring coupon, with the amounts of the order invoice', async () => {
    await db.insert(coupons).values({ code: 'TENLIFE', type: 'percent', percentBp: 1000, duration: 'lifetime', stackable: true, ...anyScope });
    const [fixed] = await db.insert(coupons).values({ code: 'FIVE3', type: 'fixed', duration: 'recurring_cycles', recurringCycles: 3, stackable: true, ...anyScope });
    await db.insert(couponAmounts).values({ couponId: fixed.insertId, currency: 'EUR', discountMinor: 500 });
    const c = await createCustomer(db, { input: { email: 'stack@example.com', name: 'Stack', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
    const plan = await planOrThrow(db, 'vps-starter');
    const os = vpsOptions(plan).os;
    const now = new Date('2027-01-10T09:00:00Z');
    const placed = await placeOrder(db, {
      storefrontId,
      customerId: c.id,
      cart: { currency: 'EUR', country: null, items: [{ id: 'a', item: { planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: 'stack.example.com' } } }], couponCodes: ['TENLIFE', 'FIVE3'] },
      ip: null,
      actor: system,
      now,
    });
    const [order] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    const discounts = async (invoiceId: number) =>
      (await db.select().from(invoiceLines).where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.kind, 'discount'))).orderBy(asc(invoiceLines.sortOrder))).map((l) => [l.description, l.amountMinor, l.taxMinor]);
    const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
    // 6.00 EUR a month (the OS is free). 10 % of 600 = 60, leaving 540; then 5.00 off: 500. DE VAT 19 % on each line:
    // −60 × 0.19 = −11.4 → −11, −500 × 0.19 = −95.
    expect(svc!.recurringMinor).toBe(600);
    expect(await discounts(order!.id)).toEqual([
      ['Coupon TENLIFE', -60, -11],
      ['Coupon FIVE3', -500, -95],
    ]);
    expect(svc!.coupons).toEqual([{ couponId: expect.any(Number), cyclesRemaining: null }, { couponId: fixed.insertId, cyclesRemaining: 2 }]);
    await db.transaction((tx) => recordInvoicePayment(tx, { invoiceId: order!.id, method: 'bank_transfer', currency: 'EUR', amountMinor: order!.totalMinor, reference: 'order', actor: system, now }));

    const [paidSvc] = await db.select().from(services).where(eq(services.id, svc!.id));
    await runBillingPass(db, { storefrontId, at: new Date(`${paidSvc!.nextDueOn}T06:00:00Z`) });
    const [period] = await db.select().from(serviceBillingPeriods).where(and(eq(serviceBillingPeriods.serviceId, svc!.id), eq(serviceBillingPeriods.periodStart, paidSvc!.nextDueOn!)));
    expect(await discounts(period!.invoiceId)).toEqual(await discounts(order!.id));
    const [after] = await db.select().from(services).where(eq(services.id, svc!.id));
    // The lifetime coupon stays; the three-cycle one has used its second cycle.
    expect(after!.coupons).toEqual([{ couponId: expect.any(Number), cyclesRemaining: null }, { couponId: fixed.insertId, cyclesRemaining: 1 }]);
  });
});
