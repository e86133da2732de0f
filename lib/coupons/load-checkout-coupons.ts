import { and, eq, inArray, sql } from 'drizzle-orm';
import { couponAmounts, couponRedemptions, coupons } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { CouponInput } from '@/lib/pricing/types';

/**
 * The coupons a cart names, in the cart's order, as the pricing engine wants them. Codes that match nothing come
 * back in `unknown` so the cart can say so.
 */
export async function loadCheckoutCoupons(
  db: SfDb,
  opts: { codes: string[]; currency: string; customerId: number | null },
): Promise<{ coupons: CouponInput[]; unknown: string[] }> {
  const codes = [...new Set(opts.codes.map((c) => c.toUpperCase()))];
  if (codes.length === 0) return { coupons: [], unknown: [] };
  const rows = await db
    .select({ coupon: coupons, discountMinor: couponAmounts.discountMinor, minOrderMinor: couponAmounts.minOrderMinor })
    .from(coupons)
    .leftJoin(couponAmounts, and(eq(couponAmounts.couponId, coupons.id), eq(couponAmounts.currency, opts.currency)))
    .where(inArray(coupons.code, codes));
  const used = new Map<number, number>();
  if (opts.customerId !== null && rows.length) {
    const counts = await db
      .select({ couponId: couponRedemptions.couponId, n: sql<number>`COUNT(*)` })
      .from(couponRedemptions)
      .where(and(eq(couponRedemptions.customerId, opts.customerId), inArray(couponRedemptions.couponId, rows.map((r) => r.coupon.id))))
      .groupBy(couponRedemptions.couponId);
    for (const c of counts) used.set(c.couponId, Number(c.n));
  }
  const byCode = new Map(rows.map((r) => [r.coupon.code, r]));
  const out: CouponInput[] = [];
  const unknown: string[] = [];
  for (const code of codes) {
    const r = byCode.get(code);
    if (!r) {
      unknown.push(code);
      continue;
    }
    const c = r.coupon;
    out.push({
      id: c.id,
      code: c.code,
      type: c.type,
      percentBp: c.percentBp,
      trialDays: c.trialDays,
      duration: c.duration,
      recurringCycles: c.recurringCycles,
      planIds: c.planIds,
      groupIds: c.groupIds,
      cycles: c.cycles,
      countries: c.countries,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      maxUses: c.maxUses,
      maxUsesPerCustomer: c.maxUsesPerCustomer,
      usesCount: c.usesCount,
      newCustomersOnly: c.newCustomersOnly,
      stackable: c.stackable,
      active: c.active,
      discountMinor: r.discountMinor ?? null,
      minOrderMinor: r.minOrderMinor ?? 0,
      customerRedemptions: used.get(c.id) ?? 0,
    });
  }
  return { coupons: out, unknown };
}
