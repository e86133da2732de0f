import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { couponRedemptions, coupons } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/**
 * Records the coupons an order used. The use counter moves by a guarded UPDATE, so when 50 checkouts race for the
 * last use exactly one row changes and the others roll back with a clear message; the overall maximum holds
 * without a lock held across the whole checkout. The caller must hold the customer row lock (per-customer limits).
 */
export async function redeemCoupons(
  tx: SfDb,
  opts: { orderId: number; customerId: number; currency: string; applied: { couponId: number; code: string; discountMinor: number }[] },
): Promise<void> {
  for (const a of opts.applied) {
    const [res] = await tx
      .update(coupons)
      .set({ usesCount: sql`${coupons.usesCount} + 1` })
      .where(and(eq(coupons.id, a.couponId), eq(coupons.active, true), or(isNull(coupons.maxUses), lt(coupons.usesCount, coupons.maxUses))));
    if (res.affectedRows !== 1) throw new AppError('conflict', `Coupon ${a.code} has just been used up.`, { couponCode: [`${a.code} has been used up`] });
    await tx.insert(couponRedemptions).values({ couponId: a.couponId, customerId: opts.customerId, orderId: opts.orderId, currency: opts.currency, discountMinor: a.discountMinor });
  }
}

/** Gives an unpaid, cancelled order's coupon uses back. */
export async function releaseCouponRedemptions(tx: SfDb, orderId: number): Promise<void> {
  const rows = await tx.select({ id: couponRedemptions.id, couponId: couponRedemptions.couponId }).from(couponRedemptions).where(eq(couponRedemptions.orderId, orderId));
  for (const r of rows) {
    await tx.update(coupons).set({ usesCount: sql`GREATEST(${coupons.usesCount} - 1, 0)` }).where(eq(coupons.id, r.couponId));
    await tx.delete(couponRedemptions).where(eq(couponRedemptions.id, r.id));
  }
}
