import { formatMoney } from '@/lib/money/format';
import type { CouponInput, PricedItemInput, PricingCustomer, PricingInput } from './types';

export interface CouponEligibilityContext {
  date: Date;
  currency: string;
  /** The currency row's minorDigits. */
  minorDigits: number;
  customer: PricingCustomer;
  items: PricedItemInput[];
  /** Plan + option + setup list prices of the order, before trials and discounts. */
  orderAmountMinor: number;
  kind: PricingInput['kind'];
}

export type CouponEligibility = { ok: true } | { ok: false; reason: string };

/** A coupon's plan, group and cycle restrictions; an empty list means no restriction. */
export function couponAppliesToItem(coupon: CouponInput, item: PricedItemInput): boolean {
  return (
    (coupon.planIds.length === 0 || coupon.planIds.includes(item.planId)) &&
    (coupon.groupIds.length === 0 || coupon.groupIds.includes(item.groupId)) &&
    (coupon.cycles.length === 0 || coupon.cycles.includes(item.cycle))
  );
}

/** Only these keep discounting after the first invoice. */
export function isRecurringCoupon(coupon: CouponInput): boolean {
  return coupon.duration === 'recurring_cycles' || coupon.duration === 'lifetime';
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The checks made when a coupon is redeemed (status, dates, usage limits, audience, minimum order), then the ones
 * that hold on every invoice (currency, applicability). A renewal carries a coupon redeemed with the original
 * order, so it skips the redemption checks — a coupon that expired or ran out since must keep its promise — and
 * only requires a recurring duration.
 */
export function checkCouponEligibility(coupon: CouponInput, ctx: CouponEligibilityContext): CouponEligibility {
  const code = coupon.code;
  const no = (reason: string): CouponEligibility => ({ ok: false, reason });

  if (ctx.kind === 'new_order') {
    if (!coupon.active) return no(`Coupon ${code} is not valid.`);
    if (coupon.startsAt && ctx.date < coupon.startsAt) return no(`Coupon ${code} is not valid until ${day(coupon.startsAt)}.`);
    if (coupon.endsAt && ctx.date > coupon.endsAt) return no(`Coupon ${code} expired on ${day(coupon.endsAt)}.`);
    if (coupon.maxUses !== null && coupon.usesCount >= coupon.maxUses) return no(`Coupon ${code} has been fully redeemed.`);
    if (coupon.maxUsesPerCustomer !== null && coupon.customerRedemptions >= coupon.maxUsesPerCustomer) {
      return no(`You have already used coupon ${code} as many times as it allows.`);
    }
    if (coupon.newCustomersOnly && !ctx.customer.isNew) return no(`Coupon ${code} is for new customers only.`);
    const countries = coupon.countries.map((c) => c.toUpperCase());
    if (countries.length > 0 && !countries.includes(ctx.customer.country.toUpperCase())) {
      return no(`Coupon ${code} is not available in your country.`);
    }
  } else if (!isRecurringCoupon(coupon)) {
    return no(`Coupon ${code} applies to the first invoice only.`);
  }

  if (coupon.type === 'fixed' && coupon.discountMinor === null) return no(`Coupon ${code} is not available in ${ctx.currency}.`);
  if (ctx.kind === 'new_order' && ctx.orderAmountMinor < coupon.minOrderMinor) {
    return no(`Coupon ${code} needs an order of at least ${formatMoney(coupon.minOrderMinor, ctx.currency, 'en-US', ctx.minorDigits)}.`);
  }
  if (!ctx.items.some((item) => couponAppliesToItem(coupon, item))) return no(`Coupon ${code} doesn't apply to any item in your order.`);
  return { ok: true };
}
