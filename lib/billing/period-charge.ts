import type { CarriedCoupon } from '@/db/schema/storefront';
import type { FrozenTax } from '@/db/schema/storefront/billing';
import type { BillingCycle } from '@/db/schema/storefront/catalog';
import { priceOrder } from '@/lib/pricing/price-order';
import type { CouponInput, PricingCustomer, PricingSettings } from '@/lib/pricing/types';

/**
 * The carried coupons a renewal still applies — lifetime ones and those with cycles left — as the engine's inputs,
 * in checkout order. `couponOf` is keyed "id|currency", with "id|*" for a coupon without an amount in it
 * (see carriedCoupons in run/renewal-prices.ts).
 */
export function stillCarriedCoupons(carried: readonly CarriedCoupon[], couponOf: ReadonlyMap<string, CouponInput>, currency: string): CouponInput[] {
  return carried
    .filter((c) => c.cyclesRemaining === null || c.cyclesRemaining > 0)
    .map((c) => couponOf.get(`${c.couponId}|${currency}`) ?? couponOf.get(`${c.couponId}|*`))
    .filter((c): c is CouponInput => c !== undefined);
}

export interface PeriodChargeInput {
  planId: number;
  groupId: number;
  cycle: BillingCycle;
  currency: string;
  /** The currency row's minorDigits. */
  minorDigits: number;
  /** Plan + options for one cycle, before coupons (services.recurringMinor, or the new configuration's). */
  recurringMinor: number;
  coupons: CouponInput[];
  customer: PricingCustomer;
  settings: PricingSettings;
  tax: FrozenTax;
  at: Date;
}

/**
 * What one period costs after the coupons and loyalty a renewal would apply at `at`, in catalog terms (gross when
 * prices include tax, net otherwise), so it can be prorated and split into net and tax like a catalog price.
 * Priced by the renewal's own engine call, so a plan change and the next renewal never disagree on a discount.
 */
export function periodChargeMinor(input: PeriodChargeInput): number {
  const priced = priceOrder({
    kind: 'renewal',
    currency: input.currency,
    minorDigits: input.minorDigits,
    date: input.at,
    items: [{ key: 'period', planId: input.planId, groupId: input.groupId, description: '', cycle: input.cycle, amountMinor: input.recurringMinor, setupFeeMinor: 0, options: [], trialDays: 0 }],
    coupons: input.coupons,
    customer: input.customer,
    settings: input.settings,
    tax: input.tax,
  });
  // Net + tax of every line is its catalog amount when prices include tax; the net alone is it otherwise.
  return priced.lines.reduce((sum, l) => sum + l.amountMinor + (input.settings.taxInclusive ? l.taxMinor : 0), 0);
}
