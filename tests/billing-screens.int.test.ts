import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, currencies, invoices, orders, plans, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Cart, CartItem } from '@/lib/cart/schemas';
import { requestServiceCancellation, withdrawServiceCancellation } from '@/lib/billing/cancel-service';
import { listServices } from '@/lib/billing/list-services';
import { AppError } from '@/lib/errors/app-error';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { voidInvoice } from '@/lib/invoices/void-invoice';
import { placeOrder } from '@/lib/orders/place-order';
import { updateBillingSettings } from '@/lib/settings/admin/update-billing-settings';
import type { BillingSettingsFormInput } from '@/lib/settings/admin/billing-settings-form';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { cartItemFor, planOrThrow } from './factories/catalog';
import { createTestCustomer } from './factories/people';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };
const now = new Date('2026-03-10T12:00:00Z');

let n = 0;
async function customer() {
  n += 1;
  return createTestCustomer(db, `b${n}@example.com`, `Buyer ${n}`);
}

const dedicatedItem = () => cartItemFor(db, 'ded-epyc-7443p', { hostname: 'db1.example.com' });

const cartOf = (items: CartItem[]): Cart => ({ currency: 'EUR', country: null, items: items.map((item, i) => ({ id: `i${i}`, item })), couponCodes: [] });

async function order(customerId: number) {
  return placeOrder(db, { storefrontId, customerId, cart: cartOf([await dedicatedItem()]), ip: null, actor: system });
}

/** An active service of its own customer, as after a paid order (activation itself is tested elsewhere). */
async function activeService() {
  const c = await customer();
  await order(c.id);
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  await db.update(services).set({ status: 'active', nextDueOn: '2026-04-10', anchorDay: 10 }).where(eq(services.id, svc!.id));
  return { c, serviceId: svc!.id, publicId: svc!.publicId };
}

const auditsOf = (action: string, targetId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.id));

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
  // Plenty of servers on the shelf: every test places orders for this stocked plan.
  await db.update(plans).set({ stockQuantity: 100 }).where(eq(plans.slug, 'ded-epyc-7443p'));
});
afterAll(async () => {
  await t.cleanup();
});

describe('service cancellation', () => {
  it('records an end-of-period request without changing the state, and can withdraw it', async () => {
    const { c, serviceId, publicId } = await activeService();
    const res = await requestServiceCancellation(db, { serviceId, customerId: c.id, type: 'end_of_period', reason: 'Consolidating servers', reasonCode: 'not_needed', actor: { type: 'customer', id: c.id }, now });
    expect(res).toEqual({ type: 'end_of_period', effectiveOn: '2026-04-10' });
    const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(svc).toMatchObject({ status: 'active', cancellationReasonCode: 'not_needed', cancellationReason: 'Consolidating servers' });
    expect(svc!.cancellationRequestedAt?.toISOString()).toBe(now.toISOString());
    const [audit] = await auditsOf('service.cancellation_requested', publicId);
    expect(audit!.after).toMatchObject({ type: 'end_of_period', reasonCode: 'not_needed', reason: 'Consolidating servers' });

    const [listed] = await listServices(db, { customerId: c.id });
    expect(listed).toMatchObject({ id: serviceId, status: 'active', planName: expect.any(String), locale: expect.any(String) });
    expect(listed!.cancellationRequestedAt).not.toBeNull();

    await expectAppError(requestServiceCancellation(db, { serviceId, customerId: c.id, type: 'end_of_period', reason: 'again', reasonCode: 'other', actor: system, now }), 'conflict', /already pending/);

    await withdrawServiceCancellation(db, { serviceId, customerId: c.id, actor: { type: 'customer', id: c.id } });
    const [after] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(after).toMatchObject({ status: 'active', cancellationRequestedAt: null, cancellationReasonCode: null, cancellationReason: null });
    expect(await auditsOf('service.cancellation_withdrawn', publicId)).toHaveLength(1);
    await expectAppError(withdrawServiceCancellation(db, { serviceId, customerId: c.id, actor: system }), 'conflict', /no pending cancellation/);
  });

  it('cancels immediately through the state machine and leaves its invoices alone', async () => {
    const { c, serviceId, publicId } = await activeService();
    const [inv] = await db.select().from(invoices).where(eq(invoices.customerId, c.id));
    await requestServiceCancellation(db, { serviceId, customerId: c.id, type: 'immediate', reason: 'Found a cheaper host', reasonCode: 'switching_provider', actor: system, now });
    const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(svc).toMatchObject({ status: 'cancelled', cancellationReasonCode: 'switching_provider', cancellationReason: 'Found a cheaper host' });
    expect(svc!.cancelledAt?.toISOString()).toBe(now.toISOString());
    expect(await auditsOf('service.cancelled', publicId)).toHaveLength(1);
    const [invAfter] = await db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, inv!.id));
    expect(invAfter!.status).toBe(inv!.status);
    await expectAppError(requestServiceCancellation(db, { serviceId, customerId: c.id, type: 'immediate', reason: 'x', reasonCode: 'other', actor: system, now }), 'conflict');
  });

  it('refuses another customer’s service as not found, and a missing reason', async () => {
    const { serviceId } = await activeService();
    const other = await customer();
    await expectAppError(requestServiceCancellation(db, { serviceId, customerId: other.id, type: 'immediate', reason: 'mine now', reasonCode: 'other', actor: system, now }), 'not_found');
    await expectAppError(requestServiceCancellation(db, { serviceId, customerId: other.id, type: 'end_of_period', reason: 'mine now', reasonCode: 'other', actor: system, now }), 'not_found');
    await expectAppError(withdrawServiceCancellation(db, { serviceId, customerId: other.id, actor: system }), 'not_found');
    const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(svc).toMatchObject({ status: 'active', cancellationRequestedAt: null });
    const { c, serviceId: own } = await activeService();
    await expectAppError(requestServiceCancellation(db, { serviceId: own, customerId: c.id, type: 'end_of_period', reason: '  ', reasonCode: 'other', actor: system, now }), 'bad_request');
    await expect(requestServiceCancellation(db, { serviceId: own, customerId: c.id, type: 'end_of_period', reason: 'why not', reasonCode: 'bored' as 'other', actor: system, now })).rejects.toMatchObject({ code: 'bad_request', fieldErrors: { reasonCode: ['must be one of the choices'] } });
  });
});

describe('voiding an invoice', () => {
  it('refuses a paid invoice and one with a part payment', async () => {
    const c = await customer();
    const placed = await order(c.id);
    await recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, amountMinor: 100, reference: 'TX-1', actor: system });
    await expectAppError(voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: 'mistake', actor: system }), 'conflict', /paid/);
    await recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, reference: 'TX-2', actor: system });
    await expectAppError(voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: 'mistake', actor: system }), 'conflict', /is paid/);
    await expectAppError(voidInvoice(db, { invoicePublicId: 'inv_nope', reason: 'mistake', actor: system }), 'not_found');
  });

  it('cancels the order of its first invoice, so stock comes back', async () => {
    const c = await customer();
    const plan = await planOrThrow(db, 'ded-epyc-7443p');
    const stock = async () => (await db.select({ s: plans.stockQuantity }).from(plans).where(eq(plans.id, plan.id)))[0]!.s;
    const before = await stock();
    const placed = await order(c.id);
    expect(await stock()).toBe(before! - 1);
    await expectAppError(voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: ' ', actor: system }), 'bad_request');
    const res = await voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: 'Duplicate order', actor: system, now });
    expect(res.cancelledOrderPublicId).toBe(placed.orderPublicId);
    expect(await stock()).toBe(before);
    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    expect(inv!.status).toBe('void');
    const [o] = await db.select().from(orders).where(eq(orders.publicId, placed.orderPublicId));
    expect(o!.status).toBe('cancelled');
    const [svc] = await db.select({ status: services.status }).from(services).where(eq(services.customerId, c.id));
    expect(svc!.status).toBe('cancelled');
    expect(await auditsOf('order.cancelled', placed.orderPublicId)).toHaveLength(1);
    await expectAppError(voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: 'again', actor: system }), 'conflict', /void/);
  });

  it('voids an invoice no order points at, audited with the reason', async () => {
    const c = await customer();
    const placed = await order(c.id);
    // Detach it from its order: it now stands in for a renewal invoice.
    await db.update(orders).set({ invoiceId: null }).where(eq(orders.publicId, placed.orderPublicId));
    await voidInvoice(db, { invoicePublicId: placed.invoicePublicId, reason: 'Billed twice', actor: system, now });
    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    expect(inv!.status).toBe('void');
    expect(inv!.voidedAt?.toISOString()).toBe(now.toISOString());
    const [audit] = await auditsOf('invoice.voided', placed.invoicePublicId);
    expect(audit!.after).toMatchObject({ status: 'void', reason: 'Billed twice' });
    const [o] = await db.select({ status: orders.status }).from(orders).where(eq(orders.publicId, placed.orderPublicId));
    expect(o!.status).toBe('pending');
  });
});

describe('billing settings', () => {
  const form = (over: Partial<BillingSettingsFormInput> = {}): BillingSettingsFormInput => ({
    invoiceDaysBefore: '7',
    addFundsMinMinor: '500',
    downgradeRefund: 'credit',
    addFundsMaxMinor: '100000',
    cycleDays: { annual: '30' },
    invoiceGrouping: 'per_customer_day',
    applyCreditAutomatically: true,
    reminderDaysBefore: '3',
    noticeOnDueDate: true,
    overdueNoticeDays: ['1', '3', '7'],
    lateFeeAfterDays: '10',
    lateFeeType: 'fixed',
    lateFeeFixed: { EUR: '5.50' },
    lateFeePercent: '1.5',
    suspendAfterDays: '3',
    terminateAfterDays: '30',
    emails: { invoiceIssued: true, paymentReceipt: true, reminders: false, overdueNotices: true, suspension: true, termination: true },
    ...over,
  });

  it('saves the changed keys and audits their before and after', async () => {
    const res = await updateBillingSettings(db, { input: form(), actor: system });
    expect(res.changed.sort()).toEqual(['emails', 'invoiceDaysBeforeByCycle', 'lateFeeAfterDays', 'lateFeeFixedMinor', 'lateFeePercentBp']);
    const s = await getBillingSettings(db);
    expect(s).toMatchObject({ invoiceDaysBeforeByCycle: { annual: 30 }, lateFeeAfterDays: 10, lateFeeFixedMinor: { EUR: 550 }, lateFeePercentBp: 150 });
    expect(s.emails.reminders).toBe(false);
    const [audit] = await auditsOf('settings.billing.updated', 'billing');
    expect(audit!.before).toMatchObject({ lateFeeAfterDays: 0, lateFeeFixedMinor: {} });
    expect(audit!.after).toMatchObject({ lateFeeAfterDays: 10, lateFeeFixedMinor: { EUR: 550 } });
    expect(Object.keys(audit!.after!)).not.toContain('invoiceDaysBefore');

    expect((await updateBillingSettings(db, { input: form(), actor: system })).changed).toEqual([]);
    expect(await auditsOf('settings.billing.updated', 'billing')).toHaveLength(1);
  });

  it('refuses bad values field by field and writes nothing', async () => {
    const [eur] = await db.select({ minorDigits: currencies.minorDigits }).from(currencies).where(eq(currencies.code, 'EUR'));
    expect(eur!.minorDigits).toBe(2);
    const err = await updateBillingSettings(db, {
      input: form({ invoiceDaysBefore: '61', cycleDays: { monthly: 'x' }, overdueNoticeDays: ['1', '3', '99'], lateFeePercent: '60', terminateAfterDays: '2' }),
      actor: system,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(Object.keys((err as AppError).fieldErrors ?? {}).sort()).toEqual(['cycleDays_monthly', 'invoiceDaysBefore', 'lateFeePercent', 'overdueNoticeDays_2']);
    const money = await updateBillingSettings(db, { input: form({ lateFeeFixed: { EUR: '5.555' } }), actor: system }).catch((e: unknown) => e);
    expect((money as AppError).fieldErrors).toHaveProperty('lateFeeFixed_EUR');
    const order = await updateBillingSettings(db, { input: form({ suspendAfterDays: '10', terminateAfterDays: '5' }), actor: system }).catch((e: unknown) => e);
    expect((order as AppError).fieldErrors).toHaveProperty('terminateAfterDays');
    expect(await auditsOf('settings.billing.updated', 'billing')).toHaveLength(1);
  });
});
