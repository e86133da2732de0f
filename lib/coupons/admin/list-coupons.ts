import { asc, desc, eq, inArray, or } from 'drizzle-orm';
import { couponAmounts, couponRedemptions, coupons, currencies, customers, orders, plans, productGroups, type Coupon } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { CouponAmountRow } from './save-coupon';

export interface CouponWithAmounts extends Coupon {
  amounts: CouponAmountRow[];
}

async function amountsFor(db: SfDb, ids: number[]): Promise<Map<number, CouponAmountRow[]>> {
  const map = new Map<number, CouponAmountRow[]>();
  if (!ids.length) return map;
  const rows = await db.select().from(couponAmounts).where(inArray(couponAmounts.couponId, ids)).orderBy(asc(couponAmounts.currency));
  for (const r of rows) {
    const list = map.get(r.couponId) ?? [];
    list.push({ currency: r.currency, discountMinor: r.discountMinor, minOrderMinor: r.minOrderMinor });
    map.set(r.couponId, list);
  }
  return map;
}

/** Every coupon, newest first, with its amounts. */
export async function listCoupons(db: SfDb): Promise<CouponWithAmounts[]> {
  const rows = await db.select().from(coupons).orderBy(desc(coupons.id)).limit(500);
  const amounts = await amountsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, amounts: amounts.get(r.id) ?? [] }));
}

export async function getCoupon(db: SfDb, couponId: number): Promise<CouponWithAmounts | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.id, couponId)).limit(1);
  if (!row) return null;
  return { ...row, amounts: (await amountsFor(db, [row.id])).get(row.id) ?? [] };
}

export interface CouponRedemptionRow {
  id: number;
  customerId: number;
  customerPublicId: string | null;
  customerEmail: string | null;
  orderPublicId: string | null;
  currency: string;
  discountMinor: number;
  createdAt: Date;
}

/** Who redeemed the coupon on which order, newest first. */
export async function listCouponRedemptions(db: SfDb, couponId: number, limit = 200): Promise<CouponRedemptionRow[]> {
  return db
    .select({
      id: couponRedemptions.id,
      customerId: couponRedemptions.customerId,
      customerPublicId: customers.publicId,
      customerEmail: customers.email,
      orderPublicId: orders.publicId,
      currency: couponRedemptions.currency,
      discountMinor: couponRedemptions.discountMinor,
      createdAt: couponRedemptions.createdAt,
    })
    .from(couponRedemptions)
    .leftJoin(customers, eq(customers.id, couponRedemptions.customerId))
    .leftJoin(orders, eq(orders.id, couponRedemptions.orderId))
    .where(eq(couponRedemptions.couponId, couponId))
    .orderBy(desc(couponRedemptions.id))
    .limit(limit);
}

/** Choices for the coupon form: plans, groups, and the currencies to ask amounts in (enabled ones, plus any the coupon already uses). */
export async function couponFormOptions(db: SfDb, usedCurrencies: readonly string[] = []) {
  const [planRows, groupRows, currencyRows] = await Promise.all([
    db.select({ id: plans.id, name: plans.name, slug: plans.slug, status: plans.status }).from(plans).orderBy(asc(plans.sortOrder), asc(plans.name)),
    db.select({ id: productGroups.id, name: productGroups.name }).from(productGroups).orderBy(asc(productGroups.sortOrder), asc(productGroups.name)),
    db
      .select({ code: currencies.code, name: currencies.name, minorDigits: currencies.minorDigits })
      .from(currencies)
      .where(usedCurrencies.length ? or(eq(currencies.enabled, true), inArray(currencies.code, [...usedCurrencies])) : eq(currencies.enabled, true))
      .orderBy(asc(currencies.sortOrder), asc(currencies.code)),
  ]);
  return { plans: planRows, groups: groupRows, currencies: currencyRows };
}
