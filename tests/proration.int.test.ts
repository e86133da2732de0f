import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { coupons, creditLedger, customers, invoiceLines, invoices, orderItems, plans, serviceChanges, services, type CarriedCoupon, type Customer, type Service } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import { cancelPendingChangeForInvoice, previewPlanChange, requestPlanChange } from '@/lib/billing/change-service-plan';
import { getPlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { saveBillingSettings } from '@/lib/settings/billing-settings';
import { planOrThrow } from './factories/catalog';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
async function customer(): Promise<Customer> {
  n += 1;
  const c = await createCustomer(db, { input: { email: `p${n}@example.com`, name: `Payer ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}

/** An active monthly EUR service paid on 1 April 2026, so its period is [1 April, 1 May): 30 days. */
async function paidService(planSlug: string): Promise<{ c: Customer; svc: Service; options: CartItem['options'] }> {
  const c = await customer();
  const created = await createPaidService(db, { storefrontId, customerEmail: c.email, planSlug, cycle: 'monthly', start: new Date('2026-04-01T09:00:00Z'), actor: system });
  const [svc] = await db.select().from(services).where(eq(services.publicId, created.servicePublicId));
  const [item] = await db.select().from(orderItems).where(eq(orderItems.id, svc!.orderItemId!));
  return { c, svc: svc!, options: item!.selection.options.map((o) => ({ optionId: o.optionId, valueId: o.valueId, quantity: o.quantity })) };
}

const eurMonthly = async (slug: string) => (await planOrThrow(db, slug)).prices.find((p) => p.currency === 'EUR' && p.cycle === 'monthly')!.amountMinor;
const mid = new Date('2026-04-16T10:00:00Z');
const serviceById = async (id: number) => (await db.select().from(services).where(eq(services.id, id)))[0]!;
const creditOf = async (customerId: number) => db.select().from(creditLedger).where(eq(creditLedger.customerId, customerId));

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop({ kind: 'retail' }));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('plan changes with proration', () => {
  it('invoices an upgrade for the remaining days, applies it when paid and keeps the due date', async () => {
    const { c, svc, options } = await paidService('vps-starter');
    expect(svc.nextDueOn).toBe('2026-05-01');
    const [starter, standard] = [await eurMonthly('vps-starter'), await eurMonthly('vps-standard')];
    expect([starter, standard]).toEqual([600, 1100]);
    expect(svc.recurringMinor).toBe(600);

    const base = { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: mid };
    const preview = await previewPlanChange(db, base);
    // 16 April → 1 May is 15 of 30 days: (1100 − 600) × 15 / 30 = 250; German VAT 19 % of 250 = 47.5 → 48.
    expect(preview).toMatchObject({ kind: 'upgrade', amountMinor: 250, taxMinor: 48, totalMinor: 298, currency: 'EUR', remainingDays: 15, totalDays: 30, newRecurringMinor: 1100 });

    const result = await requestPlanChange(db, { ...base, actor: system, storefrontId });
    expect(result.status).toBe('pending');
    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, result.invoicePublicId!));
    expect(inv).toMatchObject({ status: 'unpaid', subtotalMinor: 250, taxMinor: 48, totalMinor: 298, currency: 'EUR' });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'adjustment', description: 'Upgrade to VPS Standard (15 of 30 days)', serviceId: svc.id, amountMinor: 250, taxMinor: 48, periodStart: '2026-04-16', periodEnd: '2026-04-30' });
    // Nothing changes before payment.
    expect(await serviceById(svc.id)).toMatchObject({ planId: svc.planId, recurringMinor: 600 });

    await expectAppError(requestPlanChange(db, { ...base, planSlug: 'vps-performance', actor: system, storefrontId }), 'conflict', /already waiting/);

    await recordBankPayment(db, { invoicePublicId: inv!.publicId, reference: 'TRX-1', actor: system, now: new Date('2026-04-17T08:00:00Z') });
    const [standardPlan] = await db.select().from(plans).where(eq(plans.slug, 'vps-standard'));
    expect(await serviceById(svc.id)).toMatchObject({ planId: standardPlan!.id, recurringMinor: 1100, nextDueOn: '2026-05-01', status: 'active' });
    const [change] = await db.select().from(serviceChanges).where(eq(serviceChanges.invoiceId, inv!.id));
    expect(change).toMatchObject({ status: 'applied', pendingServiceId: null, kind: 'upgrade', amountMinor: 250, fromRecurringMinor: 600, toRecurringMinor: 1100, remainingDays: 15, totalDays: 30 });
    expect(change!.appliedAt).not.toBeNull();
  });

  it('applies a downgrade at once and credits the unused difference with its tax', async () => {
    const { c, svc, options } = await paidService('vps-standard');
    const result = await requestPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-starter', options, at: mid, actor: system, storefrontId });
    expect(result).toMatchObject({ status: 'applied', invoicePublicId: null, creditedMinor: 298 });
    expect(result.preview).toMatchObject({ kind: 'downgrade', amountMinor: -250, taxMinor: -48, totalMinor: -298 });
    expect(await serviceById(svc.id)).toMatchObject({ recurringMinor: 600, nextDueOn: '2026-05-01' });
    const credit = await creditOf(c.id);
    expect(credit).toHaveLength(1);
    expect(credit[0]).toMatchObject({ amountMinor: 298, currency: 'EUR', kind: 'overpayment' });
    // The order item keeps what was ordered; the change row keeps the new configuration.
    const [item] = await db.select().from(orderItems).where(eq(orderItems.id, svc.orderItemId!));
    expect(item!.planId).toBe(svc.planId);
    const [change] = await db.select().from(serviceChanges).where(eq(serviceChanges.serviceId, svc.id));
    expect(change).toMatchObject({ status: 'applied', kind: 'downgrade', pendingServiceId: null });
  });

  it('gives nothing back on a downgrade when the storefront says no refund', async () => {
    await saveBillingSettings(db, { downgradeRefund: 'none' });
    try {
      const { c, svc, options } = await paidService('vps-standard');
      const result = await requestPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-starter', options, at: mid, actor: system, storefrontId });
      expect(result).toMatchObject({ status: 'applied', creditedMinor: 0 });
      expect(await serviceById(svc.id)).toMatchObject({ recurringMinor: 600 });
      expect(await creditOf(c.id)).toHaveLength(0);
    } finally {
      await saveBillingSettings(db, { downgradeRefund: 'credit' });
    }
  });

  it('refuses a plan from another product group, and another customer’s service', async () => {
    const { c, svc, options } = await paidService('vps-starter');
    await expectAppError(previewPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'web-starter', options: [], at: mid }), 'bad_request', /product group/);
    const other = await customer();
    await expectAppError(previewPlanChange(db, { serviceId: svc.id, customerId: other.id, planSlug: 'vps-standard', options, at: mid }), 'not_found');
    await expectAppError(previewPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: new Date('2026-05-02T00:00:00Z') }), 'conflict');
  });

  it('frees the service for a new request when the upgrade invoice is voided', async () => {
    const { c, svc, options } = await paidService('vps-starter');
    const base = { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: mid, actor: system, storefrontId };
    const before = await getPlanChangeChoices(db, { servicePublicId: svc.publicId, customerId: c.id });
    expect(before.plans.map((p) => p.slug)).toEqual(['vps-standard', 'vps-performance', 'vps-pro']);
    expect(before).toMatchObject({ options, pendingInvoicePublicId: null });
    const first = await requestPlanChange(db, base);
    expect((await getPlanChangeChoices(db, { servicePublicId: svc.publicId, customerId: c.id })).pendingInvoicePublicId).toBe(first.invoicePublicId);
    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, first.invoicePublicId!));
    expect(await db.transaction((tx) => cancelPendingChangeForInvoice(tx, inv!.id))).toBe(true);
    const [cancelled] = await db.select().from(serviceChanges).where(and(eq(serviceChanges.invoiceId, inv!.id)));
    expect(cancelled).toMatchObject({ status: 'cancelled', pendingServiceId: null });
    const second = await requestPlanChange(db, base);
    expect(second.status).toBe('pending');
  });
});

describe('plan changes of a discounted service', () => {
  let codes = 0;
  /** A stackable percent coupon, for any plan unless `planIds` narrows it. */
  async function percentCoupon(percentBp: number, planIds: number[] = []): Promise<number> {
    codes += 1;
    const [ins] = await db.insert(coupons).values({ code: `PRO${codes}`, type: 'percent', percentBp, duration: 'lifetime', stackable: true, planIds, groupIds: [], cycles: [], countries: [] });
    return ins.insertId;
  }
  /** The paid service, carrying `carried` as its checkout would have left them. */
  async function discountedService(planSlug: string, carried: CarriedCoupon[]) {
    const paid = await paidService(planSlug);
    await db.update(services).set({ coupons: carried }).where(eq(services.id, paid.svc.id));
    return { ...paid, svc: await serviceById(paid.svc.id) };
  }

  it('charges an upgrade on the prices after a lifetime coupon: 20 % off 600 → 1100 is (880 − 480) × 15 / 30 = 200', async () => {
    const { c, svc, options } = await discountedService('vps-starter', [{ couponId: await percentCoupon(2000), cyclesRemaining: null }]);
    const base = { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: mid };
    // VAT 19 % of 200 = 38. Undiscounted it would be 250 + 48.
    expect(await previewPlanChange(db, base)).toMatchObject({ kind: 'upgrade', amountMinor: 200, taxMinor: 38, totalMinor: 238, newRecurringMinor: 1100 });
    const result = await requestPlanChange(db, { ...base, actor: system, storefrontId });
    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, result.invoicePublicId!));
    expect(inv).toMatchObject({ subtotalMinor: 200, taxMinor: 38, totalMinor: 238 });
    // The service keeps its catalog price; the coupon goes on discounting renewals.
    const [change] = await db.select().from(serviceChanges).where(eq(serviceChanges.invoiceId, inv!.id));
    expect(change).toMatchObject({ amountMinor: 200, fromRecurringMinor: 600, toRecurringMinor: 1100 });
  });

  it('credits a downgrade what the coupon-discounted prices leave unused: (480 − 880) × 15 / 30 = −200, plus 38 VAT', async () => {
    const { c, svc, options } = await discountedService('vps-standard', [{ couponId: await percentCoupon(2000), cyclesRemaining: null }]);
    const result = await requestPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-starter', options, at: mid, actor: system, storefrontId });
    expect(result).toMatchObject({ status: 'applied', creditedMinor: 238 });
    expect(result.preview).toMatchObject({ kind: 'downgrade', amountMinor: -200, taxMinor: -38, totalMinor: -238 });
    expect((await creditOf(c.id)).map((l) => l.amountMinor)).toEqual([238]);
  });

  it('takes the loyalty discount off both prices after the coupons', async () => {
    const { c, svc, options } = await discountedService('vps-starter', [{ couponId: await percentCoupon(2000), cyclesRemaining: null }]);
    // First paid a year before the change: twelve months of tenure, the default 5 % tier.
    await db.update(invoices).set({ paidAt: new Date('2025-04-01T09:00:00Z') }).where(eq(invoices.customerId, c.id));
    // Old: 600 − 120 = 480, − 5 % (24) = 456. New: 1100 − 220 = 880, − 5 % (44) = 836. (836 − 456) × 15 / 30 = 190;
    // VAT 19 % of 190 = 36.1 → 36.
    expect(await previewPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: mid })).toMatchObject({ amountMinor: 190, taxMinor: 36, totalMinor: 226 });
  });

  it('counts only coupons the renewal would still apply, each on the plans it is for', async () => {
    const [starter] = await db.select().from(plans).where(eq(plans.slug, 'vps-starter'));
    const starterOnly = await percentCoupon(2000, [starter!.id]);
    const usedUp = await percentCoupon(5000);
    const { c, svc, options } = await discountedService('vps-starter', [
      { couponId: starterOnly, cyclesRemaining: null },
      { couponId: usedUp, cyclesRemaining: 0 },
    ]);
    // Old: 600 − 20 % = 480 (the used-up coupon no longer discounts). New: 1100, as the coupon is for Starter only.
    // (1100 − 480) × 15 / 30 = 310; VAT 19 % of 310 = 58.9 → 59.
    expect(await previewPlanChange(db, { serviceId: svc.id, customerId: c.id, planSlug: 'vps-standard', options, at: mid })).toMatchObject({ amountMinor: 310, taxMinor: 59, totalMinor: 369 });
  });
});
