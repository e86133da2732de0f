import type { BillingCycle, CouponDuration, CouponType } from '@/db/schema/storefront/catalog';
import type { FrozenTax, InvoiceLineKind } from '@/db/schema/storefront/billing';
import type { TaxCustomer, TaxRuleInput, TaxSettings } from '@/lib/tax/decide-tax';

/**
 * The pricing engine's contract. Everything is integer minor units of `currency`; percentages are basis points
 * (1 bp = 0.01 %) and tax rates thousandths of a percent. The engine is pure: callers resolve the catalog rows,
 * the customer and the coupon usage counts first (lib/catalog, lib/coupons) and pass them in.
 */

export interface PricedOptionInput {
  optionId: number;
  valueId: number;
  /** "Extra IPv4 addresses" / "4". */
  description: string;
  /** 1 for dropdown, radio and yes/no; the chosen amount for quantity options. */
  quantity: number;
  /** Per unit, per cycle. */
  amountMinor: number;
  setupFeeMinor: number;
}

export interface PricedItemInput {
  /** Caller's key for the item (cart line id), echoed on every output line. */
  key: string;
  planId: number;
  groupId: number;
  description: string;
  cycle: BillingCycle;
  amountMinor: number;
  setupFeeMinor: number;
  options: PricedOptionInput[];
  trialDays: number;
}

export interface CouponInput {
  id: number;
  code: string;
  type: CouponType;
  percentBp: number;
  trialDays: number;
  duration: CouponDuration;
  recurringCycles: number;
  planIds: number[];
  groupIds: number[];
  cycles: BillingCycle[];
  countries: string[];
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  maxUsesPerCustomer: number | null;
  usesCount: number;
  newCustomersOnly: boolean;
  stackable: boolean;
  active: boolean;
  /** From coupon_amounts for the order's currency; absent means a fixed coupon isn't offered in that currency. */
  discountMinor: number | null;
  minOrderMinor: number;
  /** How many times this customer already redeemed it. */
  customerRedemptions: number;
}

/** The tax fields (country, region, tax number, company, exemption) plus what coupons and loyalty read. */
export interface PricingCustomer extends TaxCustomer {
  /** No paid order yet (for new-customers-only coupons). */
  isNew: boolean;
  /** Whole months since the customer's first paid invoice (loyalty tiers). */
  tenureMonths: number;
}

export interface LoyaltyTier {
  months: number;
  percentBp: number;
}

/** The seller's place and tax rules (TaxSettings) plus how prices are quoted and loyalty tiers. */
export interface PricingSettings extends TaxSettings {
  taxInclusive: boolean;
  taxRules: TaxRuleInput[];
  loyaltyTiers: LoyaltyTier[];
}

export interface PricingInput {
  /** new_order: first invoice (setup fees, all coupons). renewal: recurring amounts, recurring coupons, loyalty. */
  kind: 'new_order' | 'renewal';
  currency: string;
  /** The currency row's minorDigits (lib/money/currency-book.ts), for the amounts the engine puts into words. */
  minorDigits: number;
  date: Date;
  items: PricedItemInput[];
  coupons: CouponInput[];
  customer: PricingCustomer;
  settings: PricingSettings;
  /**
   * The tax decision for this customer and settings when the caller already made it (the billing run prices many
   * services of one customer and decides once); otherwise priceOrder decides.
   */
  tax?: FrozenTax;
}

export interface PricedLine {
  itemKey: string;
  kind: InvoiceLineKind;
  description: string;
  couponId: number | null;
  quantity: number;
  /** Net of tax (negative for discounts). */
  amountMinor: number;
  taxMinor: number;
  tax: FrozenTax;
}

export interface TaxSummaryLine {
  name: string;
  rateMilliPercent: number;
  basis: FrozenTax['basis'];
  taxableMinor: number;
  taxMinor: number;
}

export interface PricedItemResult {
  key: string;
  /** Plan + options for one cycle, before coupons: what the service is locked at. */
  recurringMinor: number;
  setupMinor: number;
  trialDays: number;
  /** The recurring coupons the service carries onward, in the order they applied. */
  recurringCoupons: { couponId: number; cyclesRemaining: number | null }[];
}

export interface PricingResult {
  currency: string;
  lines: PricedLine[];
  taxLines: TaxSummaryLine[];
  /** Sum of line net amounts. */
  subtotalMinor: number;
  /** Sum of discount and loyalty lines, as a positive number. */
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  reverseCharge: boolean;
  /** Legal note for the invoice when reverse charge applies. */
  taxNote: string | null;
  items: PricedItemResult[];
  appliedCoupons: { couponId: number; code: string; discountMinor: number }[];
  rejectedCoupons: { code: string; reason: string }[];
}
