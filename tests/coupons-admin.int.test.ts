import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, couponAmounts, couponRedemptions, coupons, customers, orders } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { deleteCoupon } from '@/lib/coupons/admin/delete-coupon';
import { getCoupon, listCouponRedemptions, listCoupons } from '@/lib/coupons/admin/list-coupons';
import { createCoupon, updateCoupon } from '@/lib/coupons/admin/save-coupon';
import type { CouponFormInput } from '@/lib/coupons/admin/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { appErrorFields } from './helpers/expect-app-error';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
const actor: AuditActor = { type: 'staff', id: 1, label: 'boss@shop.test' };

/** Audit rows of this test only: each test starts with no coupons, orders or customers. */
let auditedBefore = 0;
async function auditFor(action: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)));
}


const percent = (over: Partial<CouponFormInput> = {}): CouponFormInput => ({ code: 'spring-25', type: 'percent', percent: '12.5', ...over });

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  for (const table of [couponRedemptions, couponAmounts, coupons, orders, customers]) await db.delete(table);
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('coupons', () => {
  it('creates a percent coupon with the code upper-cased, the percent in basis points, and an audit row', async () => {
    const { id, code } = await createCoupon(db, {
      input: percent({ description: 'Spring sale', duration: 'recurring_cycles', recurringCycles: '3', countries: 'de, fr', cycles: ['monthly', 'annual'], startsOn: '2026-03-01', endsOn: '2026-03-31', maxUses: '100', maxUsesPerCustomer: '', amounts: { EUR: { minOrder: '10' } } }),
      actor,
    });
    expect(code).toBe('SPRING-25');
    const c = await getCoupon(db, id);
    expect(c).toMatchObject({
      code: 'SPRING-25',
      percentBp: 1250,
      duration: 'recurring_cycles',
      recurringCycles: 3,
      countries: ['DE', 'FR'],
      cycles: ['monthly', 'annual'],
      maxUses: 100,
      maxUsesPerCustomer: null,
      active: true,
      amounts: [{ currency: 'EUR', discountMinor: 0, minOrderMinor: 1000 }],
    });
    expect(c!.startsAt!.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(c!.endsAt!.toISOString()).toBe('2026-03-31T23:59:59.999Z');
    const [audit] = await auditFor('coupon.created');
    expect(audit).toMatchObject({ actorId: 1, targetType: 'coupon', targetId: String(id) });
    expect(audit!.after).toMatchObject({ code: 'SPRING-25', percentBp: 1250, amounts: { EUR: { discountMinor: 0, minOrderMinor: 1000 } } });
  });

  it('refuses a duplicate code whatever its case, as a field error', async () => {
    await createCoupon(db, { input: percent(), actor });
    const errors = await appErrorFields(createCoupon(db, { input: percent({ code: 'Spring-25' }), actor }));
    expect(errors.code?.[0]).toMatch(/already used/);
    expect(await db.select().from(coupons)).toHaveLength(1);
  });

  it('refuses invalid percents, codes and dates', async () => {
    for (const p of ['0', '100.01', '-5', 'abc', '12.345', '']) {
      expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'P1', percent: p }), actor }))).percent).toBeDefined();
    }
    expect(Object.keys(await appErrorFields(createCoupon(db, { input: percent({ code: 'P1', percent: '100' }), actor })))).toEqual(['code']);
    expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'has space' }), actor }))).code).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'LATE', startsOn: '2026-05-02', endsOn: '2026-05-01' }), actor }))).endsOn).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'CYC', duration: 'recurring_cycles', recurringCycles: '0' }), actor }))).recurringCycles).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'CTRY', countries: 'DE, Germany' }), actor }))).countries).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: percent({ code: 'PLAN', planIds: [999] }), actor }))).planIds).toBeDefined();
  });

  it('needs an amount for a fixed coupon, and parses amounts with integer arithmetic', async () => {
    expect((await appErrorFields(createCoupon(db, { input: { code: 'FIVE', type: 'fixed' }, actor }))).amounts).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: { code: 'FIVE', type: 'fixed', amounts: { USD: { discount: '', minOrder: '' } } }, actor }))).amounts).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: { code: 'FIVE', type: 'fixed', amounts: { USD: { discount: '5.001' } } }, actor })))['discount_USD']).toBeDefined();
    expect((await appErrorFields(createCoupon(db, { input: { code: 'FIVE', type: 'fixed', amounts: { USD: { discount: '-5' } } }, actor })))['discount_USD']).toBeDefined();
    const { id } = await createCoupon(db, { input: { code: 'five', type: 'fixed', amounts: { USD: { discount: '0.29' }, EUR: { discount: '4.10', minOrder: '20' }, GBP: {} } }, actor });
    const c = await getCoupon(db, id);
    expect(c!.percentBp).toBe(0);
    expect(c!.amounts).toEqual([
      { currency: 'EUR', discountMinor: 410, minOrderMinor: 2000 },
      { currency: 'USD', discountMinor: 29, minOrderMinor: 0 },
    ]);
    expect(await db.select().from(couponAmounts).where(eq(couponAmounts.couponId, id))).toHaveLength(2);
  });

  it('updates every field, audits only what changed, and refuses taking another coupon’s code', async () => {
    await createCoupon(db, { input: { code: 'five', type: 'fixed', amounts: { USD: { discount: '0.29' } } }, actor });
    const { id } = await createCoupon(db, { input: { code: 'TRIAL', type: 'extra_trial_days', trialDays: '7' }, actor });
    expect((await getCoupon(db, id))!.trialDays).toBe(7);
    const res = await updateCoupon(db, { couponId: id, input: { code: 'TRIAL', type: 'extra_trial_days', trialDays: '14', active: false, newCustomersOnly: true, stackable: true }, actor });
    expect(res.changed).toBe(true);
    expect(await getCoupon(db, id)).toMatchObject({ trialDays: 14, active: false, newCustomersOnly: true, stackable: true });
    const [audit] = await auditFor('coupon.updated');
    expect(audit!.before).toEqual({ trialDays: 7, active: true, newCustomersOnly: false, stackable: false });
    expect(audit!.after).toEqual({ trialDays: 14, active: false, newCustomersOnly: true, stackable: true });
    expect((await updateCoupon(db, { couponId: id, input: { code: 'trial', type: 'extra_trial_days', trialDays: '14', active: false, newCustomersOnly: true, stackable: true }, actor })).changed).toBe(false);
    expect((await appErrorFields(updateCoupon(db, { couponId: id, input: { code: 'five', type: 'free_setup' }, actor }))).code?.[0]).toMatch(/already used/);
    await expect(updateCoupon(db, { couponId: 99999, input: { code: 'NOPE', type: 'free_setup' }, actor })).rejects.toThrow(/does not exist/);
    // Switching type drops what no longer applies.
    await updateCoupon(db, { couponId: id, input: { code: 'TRIAL', type: 'free_setup', trialDays: '14' }, actor });
    expect((await getCoupon(db, id))!.trialDays).toBe(0);
  });

  it('deletes an unused coupon (audited) but not a redeemed one, and lists redemptions with customer and order', async () => {
    const { id: unused } = await createCoupon(db, { input: { code: 'UNUSED', type: 'free_setup' }, actor });
    await deleteCoupon(db, { couponId: unused, actor });
    expect(await getCoupon(db, unused)).toBeNull();
    expect((await auditFor('coupon.deleted'))[0]).toMatchObject({ targetId: String(unused), after: null });
    expect((await auditFor('coupon.deleted'))[0]!.before).toMatchObject({ code: 'UNUSED' });

    await createCoupon(db, { input: percent(), actor });
    const [spring] = await db.select().from(coupons).where(eq(coupons.code, 'SPRING-25'));
    const customer = await createCustomer(db, { input: { email: 'ann@example.com', name: 'Ann', country: 'DE' }, actor });
    const [order] = await db.insert(orders).values({ publicId: 'ord_test1', customerId: customer.id, currency: 'EUR', totalMinor: 8750, couponCodes: ['SPRING-25'] });
    await db.insert(couponRedemptions).values({ couponId: spring!.id, customerId: customer.id, orderId: order.insertId, currency: 'EUR', discountMinor: 1250 });
    await expect(deleteCoupon(db, { couponId: spring!.id, actor })).rejects.toThrow(/deactivate it instead/);
    expect(await getCoupon(db, spring!.id)).not.toBeNull();
    const history = await listCouponRedemptions(db, spring!.id);
    expect(history).toEqual([
      expect.objectContaining({ customerPublicId: customer.publicId, customerEmail: 'ann@example.com', orderPublicId: 'ord_test1', currency: 'EUR', discountMinor: 1250 }),
    ]);
    expect((await listCoupons(db)).map((c) => c.code)).toEqual(['SPRING-25']);
    expect(await db.select().from(customers)).toHaveLength(1);
  });
});
